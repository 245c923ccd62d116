#!/usr/bin/env bash
# Start the local PostgreSQL cluster when it is down, and wait until it accepts connections.
set -euo pipefail
if pg_isready -q -h 127.0.0.1 -p 5432; then
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null; then
  echo "PostgreSQL is not running on 127.0.0.1:5432 and is not installed (apt-get install postgresql)" >&2
  exit 1
fi
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
for _ in $(seq 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 1
done
echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
exit 1
