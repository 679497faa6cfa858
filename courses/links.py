"""Outside links in lesson text: lab terminals have no internet, so learners see them as plain text.

Rich text stores links to our own pages and documents with a ``linktype`` (expanded at render time)
and links typed by hand as a plain ``href``. A link counts as *outside* when its address has a scheme
or host that is not this site's own (``SITE_URL`` and ``ALLOWED_HOSTS``); anchors and relative paths
stay links.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings


def _own_hosts() -> set[str]:
    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h not in ("*", "")}
    hosts.add((urlsplit(settings.SITE_URL).hostname or "").lower())
    return hosts


def is_outside(href: str) -> bool:
    parts = urlsplit(href.strip())
    if not parts.scheme and not parts.netloc:
        return False  # "/belajar/...", "#bagian", "foto-produk/"
    own = parts.scheme in ("http", "https", "") and (parts.hostname or "").lower() in _own_hosts()
    return not own


def _outside_anchors(soup: BeautifulSoup):
    return [a for a in soup.find_all("a") if not a.get("linktype") and is_outside(a.get("href", ""))]


def outside_links(html: str) -> list[str]:
    """The outside addresses in stored rich text, in order, each once."""
    if "<a" not in html:
        return []
    seen: dict[str, None] = {}
    for anchor in _outside_anchors(BeautifulSoup(html, "html.parser")):
        seen.setdefault(anchor.get("href", "").strip(), None)
    return list(seen)


def outside_links_as_text(html: str) -> str:
    """Stored rich text with every outside link turned into its text followed by the address."""
    if "<a" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    anchors = _outside_anchors(soup)
    if not anchors:
        return html
    for anchor in anchors:
        href = anchor.get("href", "").strip()
        span = soup.new_tag("span", attrs={"class": "outside-link"})
        span.extend(list(anchor.contents))
        text = anchor.get_text(" ", strip=True)
        if href and href != text:
            span.append(f" ({href})")
        anchor.replace_with(span)
    return str(soup)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def lesson_outside_links(lesson) -> list[str]:
    """Every outside address in a lesson body (any rich text inside any block), each once."""
    found: dict[str, None] = {}
    for text in _strings(list(lesson.body.raw_data)):
        for href in outside_links(text):
            found.setdefault(href, None)
    return list(found)
