#!/usr/bin/env bash
# Plain PHP recipe: see ../CONTRACT.md. Debian's php-cli (8.2) and its built-in server.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  setup)
    command -v php >/dev/null && php -m | grep -qx session && exit 0
    # No way to install here: 77 tells the harness to skip locally (CI must fail).
    if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
      [ "${CI:-}" = true ] && exit 1 || exit 77
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y php-cli || { apt-get update && apt-get install -y php-cli; }
    ;;
  start)
    # One process: with PHP_CLI_SERVER_WORKERS, a SIGTERM ends only the parent and the
    # workers keep the port. Production runs php-fpm, where the session lock bites.
    exec php -S "127.0.0.1:$PORT" router.php
    ;;
  version)
    php -r 'echo "PHP ", PHP_VERSION, " (built-in server, files sessions)\n";'
    ;;
  *) echo "usage: $0 setup|start|version" >&2; exit 2 ;;
esac
