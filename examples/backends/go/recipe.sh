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
  *)
    echo "usage: $0 setup|start" >&2; exit 2
    ;;
esac
