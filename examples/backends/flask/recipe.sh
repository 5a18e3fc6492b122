#!/usr/bin/env bash
# The contract: examples/backends/CONTRACT.md. `recipe.sh setup`, then `recipe.sh start`.
set -euo pipefail
cd "$(dirname "$0")"
source ../python-venv.sh

case "${1:-}" in
  setup) python_setup requirements.txt ;;
  version) python_versions Flask Werkzeug ;;
  start)
    export PORT=${PORT:-8000} WARN_AFTER=${WARN_AFTER:-540} EXPIRE_AFTER=${EXPIRE_AFTER:-600}
    export USER_SECRET=${USER_SECRET:-not-a-secret-set-one}
    export SESSION_SECURITY_JS=${SESSION_SECURITY_JS:-$(cd ../../.. && pwd)/dist/cdn/session-security.js}
    exec "$(python_bin)" -m flask --app app run --host 127.0.0.1 --port "$PORT"
    ;;
  *) echo "usage: $0 setup|version|start" >&2; exit 2 ;;
esac
