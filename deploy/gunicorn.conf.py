"""gunicorn settings for production: ``gunicorn -c deploy/gunicorn.conf.py lms.wsgi:application``.

The same file serves the H5P content origin (``courses.h5p.wsgi:application`` with ``BIND`` set to
its own address). Everything can be changed from the environment; the defaults suit a 2-core server.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Threads let a worker wait on PostgreSQL while another request runs; two processes per core.
workers = int(os.environ.get("WEB_CONCURRENCY", str(max(2, multiprocessing.cpu_count()))))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))  # PDFs of a cohort's cards take a few seconds
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))  # recycle workers now and then
max_requests_jitter = 200
preload_app = False  # each worker opens its own database connections
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
# The access log carries the request id, so a line can be followed into the app's own log.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
# Behind nginx on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
