"""Shared caches for the lesson page: the course structure and rendered lesson blocks.

Both hold only what every learner sees alike — never progress, scores or anything of one learner.
They are keyed by one *content version*, which changes whenever course content may have changed:
a page saved, published, unpublished, moved or deleted; a quiz, a site, a page view restriction,
an image, document or rendition saved or deleted; a course's prerequisites changed. Authoring is
rare next to reading, so one version for all courses keeps invalidation simple and safe; the
version changes at once and again when the transaction commits (so a reader between the write and
the commit cannot keep old content under the new key).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

VERSION_KEY = "courses:content-version"
TIMEOUT = 60 * 60 * 24


# Inside a web request the version is read once (per thread): the request sees one consistent
# version. Elsewhere (Celery tasks, commands) it is read every time, as nothing would reset it.
_request = threading.local()


def content_version() -> str:
    version = getattr(_request, "version", None)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        if getattr(_request, "active", False):
            _request.version = version
    return version


def _request_started(**kwargs) -> None:
    _request.active, _request.version = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.version = False, None


def _forget_version(**kwargs) -> None:
    _request.version = None


def content_changed() -> None:
    """Forget every cached course structure and lesson body (now, and again on commit)."""

    def bump():
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
        _forget_version()

    bump()
    transaction.on_commit(bump)


@dataclass(frozen=True)
class LessonRow:
    """One live lesson as every learner sees it: its columns (without the body) and what its body holds."""

    fields: dict
    body: list  # the raw stream data
    quiz_refs: tuple  # quiz blocks pointing at an existing quiz
    practicum: bool


_MISSING = "-"


def cached(name: str, build):
    """``build()``'s result (pickled; may be None), kept under ``name`` until the content changes."""
    key = f"courses:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, _MISSING if value is None else value, TIMEOUT)
    return None if isinstance(value, str) and value == _MISSING else value


def lesson_rows(course, build) -> list[LessonRow]:
    """The course's lesson rows from the cache, or from ``build()`` (then cached)."""
    return cached(f"lessons:{course.pk}", build)


CACHEABLE_BLOCKS = frozenset({"heading", "paragraph", "callout", "practicum", "image", "document", "video", "audio"})


def lesson_body_html(lesson, render) -> dict[str, SafeString]:
    """Block id → rendered HTML of the lesson's blocks that look the same for everyone (not quizzes
    or H5P activities), from the cache or from ``render(blocks)`` (then cached)."""
    key = f"courses:body:{lesson.pk}:{lesson.latest_revision_id}:{get_language()}:{content_version()}"
    html = cache.get(key)
    if html is None:
        html = render([block for block in lesson.body if block.block_type in CACHEABLE_BLOCKS])
        cache.set(key, {block_id: str(text) for block_id, text in html.items()}, TIMEOUT)
    return {block_id: mark_safe(text) for block_id, text in html.items()}  # noqa: S308  (our own render)


def _content_saved(sender, instance, **kwargs) -> None:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Page, PageViewRestriction, Site

    from .quizzes.models import Quiz

    if isinstance(
        instance, Page | PageViewRestriction | Site | Quiz | AbstractImage | AbstractRendition | AbstractDocument
    ):
        content_changed()


def _page_moved(sender, **kwargs) -> None:
    content_changed()


def connect() -> None:
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import CoursePage

    request_started.connect(_request_started, dispatch_uid="courses.caching.request_started")
    request_finished.connect(_request_finished, dispatch_uid="courses.caching.request_finished")
    m2m_changed.connect(_page_moved, sender=CoursePage.prerequisites.through, dispatch_uid="courses.caching.prereqs")

    post_save.connect(_content_saved, dispatch_uid="courses.caching.saved")
    post_delete.connect(_content_saved, dispatch_uid="courses.caching.deleted")
    page_published.connect(_page_moved, dispatch_uid="courses.caching.published")
    page_unpublished.connect(_page_moved, dispatch_uid="courses.caching.unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="courses.caching.moved")
