"""Settings of the H5P content origin: the project's settings with no sessions, no auth, no cookies.

``courses.h5p.wsgi`` runs with these; ``manage.py serve`` starts it on the port of ``H5P_ORIGIN``.
"""

from urllib.parse import urlsplit

from lms.settings import *  # noqa: F403
from lms.settings import H5P_ORIGIN

ROOT_URLCONF = "courses.h5p.content_urls"
ALLOWED_HOSTS = [urlsplit(H5P_ORIGIN).hostname]
MIDDLEWARE = [
    "courses.h5p.middleware.NoCookiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "allauth.account.middleware.AccountMiddleware",  # allauth insists on it; it finds nothing to do here
]
SECURE_REFERRER_POLICY = "no-referrer"  # the tokens sit in the URLs
