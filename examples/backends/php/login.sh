#!/usr/bin/env bash
# Prints the Cookie header value of a fresh session, for session-security-check --login.
# Usage: login.sh BASE [USER]
set -euo pipefail
base=$1 user=${2:-alice} jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -sf -c "$jar" -o /dev/null -d "username=$user&password=$user" "$base/login"
awk '!/^#/ || /^#HttpOnly_/ { if (NF == 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
