"""The Celery application. Configuration comes from Django settings (``CELERY_*``)."""

import os

from celery import Celery
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
# "filesystem://" (the no-server default) means kombu's transport with messages that appear whole
# (lms/jobs/broker.py); by the URL's scheme, so a test or process that points Celery at Redis gets Redis.
TRANSPORT_ALIASES["filesystem"] = "lms.jobs.broker:Transport"

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
