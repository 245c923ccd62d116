#!/usr/bin/env bash
# Start the local Redis server (the Celery broker the tests use) when it is down, and wait for it.
set -euo pipefail

# PING over bash's /dev/tcp, so no Redis client needs to be installed.
ping_redis() {
  exec 3<>/dev/tcp/127.0.0.1/6379 || return 1
  printf 'PING\r\n' >&3
  local reply=""
  read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ $reply == +PONG* ]]
}

if ping_redis 2>/dev/null; then
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Redis is not running on 127.0.0.1:6379 and installing it needs root (apt-get install redis-server)" >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq redis-server >/dev/null
fi
# Without the service, a local-only daemon that writes nothing to disk.
service redis-server start >/dev/null 2>&1 ||
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp >/dev/null
for _ in $(seq 30); do
  ping_redis 2>/dev/null && exit 0
  sleep 1
done
echo "Redis did not start on 127.0.0.1:6379" >&2
exit 1
