"""WSGI entry of the H5P content origin (a second gunicorn: ``gunicorn courses.h5p.wsgi``)."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "courses.h5p.content_settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
