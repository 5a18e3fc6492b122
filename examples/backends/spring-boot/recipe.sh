#!/usr/bin/env bash
# Spring Boot recipe: see ../CONTRACT.md.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  setup)
    if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q maven >&2
      elif [ "${CI:-}" != true ]; then
        echo "spring-boot: needs java 17+ and mvn" >&2; exit 77
      else
        echo "spring-boot: needs java 17+ and mvn" >&2; exit 1
      fi
    fi
    # Dependencies land in ~/.m2: later runs build offline.
    start=$SECONDS
    mvn -q -B package -DskipTests
    echo "spring-boot: built in $((SECONDS - start)) s" >&2
    ;;
  start)
    exec java -jar target/session-security-spring-boot-0.0.1.jar --server.port="$PORT" --server.address=127.0.0.1
    ;;
  version)
    # What the built jar holds, e.g. "Spring Boot 3.5.7 (Tomcat 10.1.48, Thymeleaf 3.1.3), Java 17.0.15".
    jar=target/session-security-spring-boot-0.0.1.jar
    boot=$(jar tf "$jar" | sed -n 's|.*/spring-boot-\([0-9][0-9.]*[0-9]\)\.jar$|\1|p' | head -1)
    tomcat=$(jar tf "$jar" | sed -n 's|.*/tomcat-embed-core-\([0-9][0-9.]*[0-9]\)\.jar$|\1|p' | head -1)
    thymeleaf=$(jar tf "$jar" | sed -n 's|.*/thymeleaf-\([0-9][0-9.]*[0-9]\)\.RELEASE\.jar$|\1|p' | head -1)
    echo "Spring Boot $boot (Tomcat $tomcat, Thymeleaf $thymeleaf), Java $(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
    ;;
  *)
    echo "usage: $0 setup|start|version" >&2; exit 2
    ;;
esac
