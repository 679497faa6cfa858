"""HTML → PDF bytes with WeasyPrint; pure, so it is tested without Celery.

Certificates are archived documents, so they are written as PDF/A-3b (fonts embedded, colour
profile and XMP metadata included); the text stays extractable for checks and screen readers.

One FontConfiguration per process: building one per render leaks about a quarter megabyte each.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/a-3b"

_font_config: FontConfiguration | None = None


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def html_to_pdf(html: str, *, base_url: str | None = None, variant: str | None = PDF_VARIANT) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf(font_config=font_config(), pdf_variant=variant)
