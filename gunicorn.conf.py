"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py newsroom.wsgi`.

Every value can be set from the environment; the defaults suit one machine behind a proxy.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Web workers never load spaCy (attribution runs in Celery workers), so several fit per core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threaded workers: a sync worker busy with one response for longer than `timeout` is killed,
# which cut exports (they stream for minutes) short; here a request thread may stream for as
# long as the client reads while the worker's main thread keeps its heartbeat.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
# Recycle workers now and then so that slow leaks never grow; jitter keeps them apart.
max_requests = 1000
max_requests_jitter = 100
# The heartbeat file lives in memory: a disk-backed /tmp can stall it and get workers killed.
worker_tmp_dir = "/dev/shm"
# Gunicorn's control socket has one default path per user, which a second instance on the same
# machine would take over; signals (HUP to reload, TERM to stop) do the same job.
control_socket_disable = True

# Client (and the address the proxy forwarded), request, status, bytes, milliseconds, agent.
access_log_format = '%(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    # The same JSON lines as the app's own logs (newsroom/logging.py), all on stderr.
    logconfig_dict = {
        "formatters": {"json": {"()": "newsroom.logging.JsonFormatter"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        },
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
else:
    accesslog = "-"
    errorlog = "-"
