"""Wagtail's page view, with a lesson found in one query by its URL.

Wagtail routes a request one tree level at a time (site, root page, then one or two queries per
level); a lesson sits five levels down. When the site is unambiguous (one site) and the path is a
live lesson's URL, the lesson is read by its ``url_path`` in one query (kept in the content
cache until any course content changes, see ``caching``) and handed to Wagtail as its
route result (``route_for_request`` keeps it on ``request._wagtail_route_for_request``); everything
else — other pages, several sites — goes through Wagtail's own routing unchanged.
"""

from __future__ import annotations

from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from .caching import cached
from .models import LessonPage


def serve(request, path: str):
    if not hasattr(request, "_wagtail_route_for_request"):
        lesson = _lesson_at(path)
        if lesson is not None:
            request._wagtail_route_for_request = RouteResult(lesson)
    return wagtail_views.serve(request, path)


def _lesson_at(path: str) -> LessonPage | None:
    components = [component for component in path.split("/") if component]
    if len(components) < 3:  # course index / course / module / lesson
        return None
    roots = Site.get_site_root_paths()  # cached by Wagtail
    if len(roots) != 1:
        return None
    url_path = roots[0].root_path + "".join(f"{component}/" for component in components)
    return cached(f"route:{url_path}", lambda: LessonPage.objects.filter(url_path=url_path, live=True).first())
