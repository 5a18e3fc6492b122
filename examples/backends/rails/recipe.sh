#!/usr/bin/env bash
# Rails recipe: see ../CONTRACT.md. Uses Debian's Rails (6.1) and WEBrick, no gems.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  setup)
    ruby -e 'require "action_controller/railtie"; require "webrick"' 2>/dev/null && exit 0
    # No way to install here: 77 tells the harness to skip locally (CI must fail).
    if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
      [ "${CI:-}" = true ] && exit 1 || exit 77
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y ruby-rails ruby-webrick || { apt-get update && apt-get install -y ruby-rails ruby-webrick; }
    ;;
  start)
    # -E none: no extra Rack middleware from rackup; Rails runs in production mode.
    export RAILS_ENV=production
    exec rackup -E none -s webrick -o 127.0.0.1 -p "$PORT" config.ru
    ;;
  version)
    ruby -e 'require "rails"; require "webrick"; puts "Rails #{Rails.version}, Ruby #{RUBY_VERSION}, WEBrick #{WEBrick::VERSION}"'
    ;;
  *) echo "usage: $0 setup|start|version" >&2; exit 2 ;;
esac
