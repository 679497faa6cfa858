"""App-origin views of H5P: open an activity and start its attempt (JSON for the lesson page's script), and
take its xAPI statements.

Both are POSTs from the lesson page with the session and CSRF token; the statement's learner is the
signed-in one, and the attempt token must be one the server started for them.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import LessonPage
from lms.accounts import permissions

from .models import H5PPackage
from .player import player_url
from .services import StatementRefused, h5p_attempt_open, h5p_attempt_start, h5p_statement_record


def _refuse(message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message}, status=status)


@require_POST
def attempt_start(request, lesson_id: int, package_id: int):
    """Opening the lesson (an empty body) gives the player URL and the open attempt, if any, creating none;
    ``{"begin": true}`` (sent with the player's first statement) gives the attempt to record it in."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    package = get_object_or_404(H5PPackage, pk=package_id)
    user = request.user
    if permissions.is_officer(user):  # a preview: plays, records nothing
        return JsonResponse(
            {
                "ok": True,
                "preview": True,
                "attempt": None,
                "player": player_url(user=user, lesson_id=lesson.pk, package_id=package.pk),
            }
        )
    if not permissions.is_learner(user):
        return _refuse(_("Sign in to play this activity."), 403)
    begin = False
    if request.content_type == "application/json":
        try:
            begin = json.loads(request.body or b"{}").get("begin") is True
        except (ValueError, AttributeError):
            return _refuse(_("The request could not be read."), 400)
    try:
        if begin:
            attempt = h5p_attempt_start(learner=user, lesson=lesson, package=package)
        else:
            attempt = h5p_attempt_open(learner=user, lesson=lesson, package=package)
    except PermissionDenied:
        return _refuse(_("This activity is not open to you."), 403)
    return JsonResponse(
        {
            "ok": True,
            "attempt": attempt.token if attempt else None,
            "player": player_url(user=user, lesson_id=lesson.pk, package_id=package.pk),
        }
    )


@require_POST
def statement_receive(request):
    if not permissions.is_learner(request.user):
        return _refuse(_("Only learners' results are recorded."), 403)
    try:
        body = json.loads(request.body)
        token, statement = str(body["attempt"]), body["statement"]
    except (ValueError, KeyError, TypeError):
        return _refuse(_("The result could not be read."), 400)
    try:
        row = h5p_statement_record(learner=request.user, token=token, statement=statement)
    except PermissionDenied:
        return _refuse(_("This attempt is not yours or was not started here."), 403)
    except StatementRefused:
        return _refuse(_("The result could not be read."), 400)
    if getattr(row, "refusal", None):
        return _refuse(_("The score is outside the allowed range and was not counted."), 422)
    attempt = row.attempt
    message = ""
    if row.counted and attempt.score_max:
        message = _("Your score was saved: %(raw)s of %(max)s.") % {
            "raw": f"{attempt.score_raw.normalize():f}",
            "max": f"{attempt.score_max.normalize():f}",
        }
    return JsonResponse(
        {"ok": True, "counted": row.counted, "completed": bool(attempt.completed_at), "message": message}
    )
