"""HTML → PDF bytes with WeasyPrint; pure, so it is tested without Celery.

One FontConfiguration per process: building one per render leaks about a quarter megabyte each.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

_font_config: FontConfiguration | None = None


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf(font_config=font_config())
