"""HTML → PDF bytes with WeasyPrint; pure, so it is tested without Celery.

Certificates are archived documents, so they are written as PDF/A-3b (fonts embedded, colour
profile and XMP metadata included); the text stays extractable for checks and screen readers.

What does not change from one PDF to the next is prepared once per process and reused:

* one ``FontConfiguration`` (building one per render also leaks about a quarter megabyte each);
* a parsed stylesheet (:func:`stylesheet`): parsing and indexing the certificate's CSS is about a
  sixth of a render, so the renderer passes it pre-parsed instead of inlining it in the HTML;
* an :class:`ImageCache` for the images every certificate of a course shares (logo, background,
  signatures), so they are read and converted once, not on every render.
"""

from __future__ import annotations

from functools import lru_cache

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/a-3b"

_font_config: FontConfiguration | None = None


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


@lru_cache(maxsize=8)
def stylesheet(css: str) -> CSS:
    """``css`` parsed once per process (keyed by its text, so an edited stylesheet is parsed again)."""
    return CSS(string=css, font_config=font_config())


class ImageCache(dict):
    """WeasyPrint's image cache, kept from one render to the next.

    Entries are keyed by the image's address (``file://…`` for stored images, whose names change
    when a file is replaced). ``data:`` addresses — the QR code, different on every certificate —
    are not kept, and the cache is emptied between renders once it holds ``limit`` entries, so it
    stays small in a long-running worker.
    """

    def __init__(self, limit: int = 200):
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value):
        if isinstance(key, str) and key.startswith("data:"):
            return
        super().__setitem__(key, value)

    def trim(self) -> None:
        if len(self) >= self.limit:
            self.clear()


def html_to_pdf(
    html: str,
    *,
    base_url: str | None = None,
    variant: str | None = PDF_VARIANT,
    stylesheets: list[CSS] | None = None,
    image_cache: ImageCache | None = None,
) -> bytes:
    if image_cache is not None:
        image_cache.trim()  # only between renders: a render reads back what it cached
    return HTML(string=html, base_url=base_url).write_pdf(
        font_config=font_config(), pdf_variant=variant, stylesheets=stylesheets, cache=image_cache
    )
