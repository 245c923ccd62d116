#!/usr/bin/env bash
# Start the local Redis server (the Celery broker the tests use) when it is down, and wait for it.
set -euo pipefail
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  echo "Redis is not running on 127.0.0.1:6379 and is not installed (apt-get install redis-server)" >&2
  exit 1
fi
service redis-server start >/dev/null
for _ in $(seq 30); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "Redis did not start on 127.0.0.1:6379" >&2
exit 1
