"""The security headers of the app's pages: a strict Content-Security-Policy and a Permissions-Policy.

Every app page runs only the project's own static files: no inline script, no inline event handler,
no inline style (``tests/lms/test_security_headers.py`` scans the templates and crawls each role's
pages). The Wagtail and Django admins (``/cms/``, ``/django-admin/``) are third-party screens with
inline scripts and styles of their own, so they get a looser policy, still limited to this origin; only
officers reach them. The H5P content origin is another server with its own, hash-based policy
(``courses.h5p.player``); the app's pages may only frame that origin.

A view that sets its own policy (a file download, Wagtail's document view) keeps it. Public media
served by Django (``SERVE_MEDIA``) gets a file's headers: inline only for raster images and PDFs,
everything else as an attachment, scripts never run; Wagtail documents are reached only through
Wagtail's document view, which applies their collection's privacy. ``docs/deploy/nginx.conf`` does
the same when nginx serves ``/media/``.
SecurityMiddleware adds HSTS, ``nosniff``, Referrer-Policy and Cross-Origin-Opener-Policy;
XFrameOptionsMiddleware adds ``X-Frame-Options`` (``frame-ancestors`` says the same to new browsers).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.http import Http404

ADMIN_PREFIXES = ("/cms/", "/django-admin/")
# Powerful browser features no page of Bekal uses; fullscreen only for H5P activities.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), bluetooth=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), "
    'xr-spatial-tracking=(), fullscreen=(self "{h5p}")'
)


def _join(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


@cache
def app_policy(h5p_origin: str) -> str:
    return _join(
        {
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self' data: blob:",
            "font-src": "'self'",
            "media-src": "'self' blob:",
            "connect-src": "'self'",
            "frame-src": h5p_origin,
            "frame-ancestors": "'none'",
            "form-action": "'self'",
            "base-uri": "'self'",
            "object-src": "'none'",
        }
    )


@cache
def admin_policy(h5p_origin: str) -> str:
    return _join(
        {
            "default-src": "'self'",
            "script-src": "'self' 'unsafe-inline'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob:",
            "font-src": "'self' data:",
            "media-src": "'self' blob:",
            "connect-src": "'self'",
            "frame-src": f"'self' {h5p_origin}",  # page previews, H5P previews
            "frame-ancestors": "'self'",  # the previews are framed by the editor
            "form-action": "'self'",
            "base-uri": "'self'",
            "object-src": "'none'",
        }
    )


# Shown in the browser; anything else (SVG, HTML, office files…) is downloaded.
INLINE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "application/pdf"}
FILE_POLICY = "default-src 'none'; sandbox"
PDF_POLICY = "default-src 'none'"  # a sandboxed PDF does not open in Chromium's viewer


def media_headers(response) -> None:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    inline = content_type in INLINE_MEDIA_TYPES
    response["Content-Disposition"] = "inline" if inline else "attachment"
    if not inline:
        response["Content-Type"] = "application/octet-stream"
    response["Content-Security-Policy"] = PDF_POLICY if content_type == "application/pdf" else FILE_POLICY


def policy_for(path: str) -> str:
    if path.startswith(ADMIN_PREFIXES):
        return admin_policy(settings.H5P_ORIGIN)
    return app_policy(settings.H5P_ORIGIN)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        media = settings.SERVE_MEDIA and request.path.startswith(settings.MEDIA_URL)
        if media and request.path.startswith(f"{settings.MEDIA_URL}documents/"):
            raise Http404("documents are served by /documents/")
        response = self.get_response(request)
        if media and response.status_code == 200:
            media_headers(response)
        header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        if "Content-Security-Policy" not in response and header not in response:
            response[header] = policy_for(request.path)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY.format(h5p=settings.H5P_ORIGIN))
        return response
