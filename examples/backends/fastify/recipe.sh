#!/usr/bin/env bash
# The recipe contract (../CONTRACT.md): setup, start, and version.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  setup)
    command -v node >/dev/null || { echo "node is missing" >&2; [ "${CI:-}" = true ] && exit 1 || exit 77; }
    # Into this folder's own node_modules, exactly the locked versions.
    npm ci --no-audit --no-fund --loglevel=error
    ;;
  start)
    exec node server.js
    ;;
  version)
    echo "Fastify $(node -p 'require("fastify/package.json").version'), @fastify/session $(node -p 'require("@fastify/session/package.json").version'), @fastify/cookie $(node -p 'require("@fastify/cookie/package.json").version'), Node $(node --version)"
    ;;
  *)
    echo "usage: $0 setup|start|version" >&2
    exit 2
    ;;
esac
