#!/usr/bin/env bash
# The contract: examples/backends/CONTRACT.md. `recipe.sh setup`, then `recipe.sh start`.
set -euo pipefail
cd "$(dirname "$0")"
source ../python-venv.sh

case "${1:-}" in
  setup) python_setup requirements.txt ;;
  version) python_versions django-session-security Django ;;
  start)
    export PORT=${PORT:-8000} WARN_AFTER=${WARN_AFTER:-540} EXPIRE_AFTER=${EXPIRE_AFTER:-600}
    export SESSION_SECURITY_JS=${SESSION_SECURITY_JS:-$(cd ../../.. && pwd)/dist/cdn/session-security.js}
    # A fresh database per start, with the two test users.
    export DB_PATH="${TMPDIR:-/tmp}/session-security-dss-$PORT.sqlite3"
    rm -f "$DB_PATH"
    py=$(python_bin)
    "$py" manage.py shell -v0 -c "from django.core.management import call_command
from django.contrib.auth.models import User
call_command('migrate', verbosity=0)
for name in ('alice', 'bob'): User.objects.create_user(name, password=name)"
    exec "$py" manage.py runserver --noreload "127.0.0.1:$PORT"
    ;;
  *) echo "usage: $0 setup|version|start" >&2; exit 2 ;;
esac
