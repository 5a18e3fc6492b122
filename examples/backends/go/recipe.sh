#!/usr/bin/env bash
# Go net/http + alexedwards/scs recipe: see ../CONTRACT.md.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  setup)
    if ! command -v go >/dev/null; then
      echo "go: needs Go 1.24+" >&2
      [ "${CI:-}" = true ] && exit 1 || exit 77
    fi
    start=$SECONDS
    go build -o .bin/server .
    echo "go: built in $((SECONDS - start)) s" >&2
    ;;
  start)
    exec .bin/server
    ;;
  version)
    # e.g. "Go 1.26.8, net/http + alexedwards/scs v2.9.0" (the README's recipes table).
    echo "Go $(go env GOVERSION | sed 's/^go//'), net/http + alexedwards/scs $(go list -m -f '{{.Version}}' github.com/alexedwards/scs/v2)"
    ;;
  *)
    echo "usage: $0 setup|start|version" >&2; exit 2
    ;;
esac
