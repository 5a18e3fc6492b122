#!/usr/bin/env bash
# Prints the Cookie header value of a fresh session: GET the form (cookie + token),
# POST it back. For session-security-check --login. Usage: login.sh BASE [USER]
set -euo pipefail
base=$1 user=${2:-alice} jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
token=$(curl -sf -c "$jar" "$base/login" | sed -n 's/.*name="authenticity_token" value="\([^"]*\)".*/\1/p')
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "authenticity_token=$token" \
  -d "username=$user&password=$user" "$base/login"
awk '!/^#/ || /^#HttpOnly_/ { if (NF == 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
