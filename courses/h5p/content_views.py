"""Content-origin views: the player page, package and library files, and resume state.

Served only by the content server (``courses.h5p.wsgi`` with ``content_settings``): no sessions, no
cookies, every URL carries a signed token (see ``player``). Files are streamed from ``H5P_ROOT``
after checking that the path stays inside the package or one of its libraries.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from lms.accounts import permissions

from .models import H5PPackage, H5PUserState
from .player import BOOTSTRAP_JS, FILE_CSP, PLAYER_CONTENT_ID, player_csp, player_user, read_token
from .services import StateRefused, h5p_state_load, h5p_state_save, library_dir, package_dir
from .validation import Problem


def _grant(token):
    grant = read_token(token)
    if grant is None:
        raise Http404("expired or forged link")
    return grant


def _package(grant) -> H5PPackage:
    package = H5PPackage.objects.filter(pk=grant.package_id).first()
    if package is None:
        raise Http404
    return package


def _file(base: Path, path: str) -> FileResponse:
    target = (base / path).resolve()
    if not target.is_relative_to(base.resolve()) or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = FileResponse(open(target, "rb"), content_type=content_type)  # noqa: SIM115 (FileResponse closes it)
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private, max-age=3600"
    return response


def play(request, token):
    from lms.accounts.models import User

    grant = _grant(token)
    package = _package(grant)
    libraries = list(package.libraries.all())
    user = User.objects.filter(pk=grant.user_id, is_active=True).first()
    learner = user is not None and permissions.is_learner(user)  # officers preview; nothing is saved
    user_data: dict[str, dict[str, str]] = {}  # subContentId → dataType → the JSON string H5P saved
    if learner:
        for row in H5PUserState.objects.filter(
            learner_id=grant.user_id, lesson_id=grant.lesson_id, package_id=grant.package_id
        ):
            user_data.setdefault(row.sub_content_id, {})[row.data_type] = row.data
    base = f"{settings.H5P_ORIGIN}/c/{token}"
    options = {
        "id": PLAYER_CONTENT_ID,
        "h5pJsonPath": f"{base}/files",
        "librariesPath": f"{base}/libraries",
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
        "embedType": "div",
        "frame": False,
        "export": False,
        "embed": False,
        "copyright": False,
        "icon": False,
        # H5P core preloads contentUserData[subContentId][dataType]; it saves every saveFreq seconds,
        # 3 s after a "completed"/"progressed" statement, and on leaving the page.
        "saveFreq": settings.H5P_STATE_SAVE_SECONDS if learner else False,
        "contentUserData": user_data,
        "xAPIObjectIRI": f"{settings.SITE_URL}/h5p/{grant.lesson_id}/{package.pk}",
    }
    if learner:
        options["user"] = player_user(user.pk)
        options["ajax"] = {"contentUserDataUrl": f"{base}/state/:contentId/:dataType/:subContentId"}
    config = {"parentOrigin": settings.SITE_URL, "options": options}
    response = render(
        request,
        "h5p/player.html",
        {
            "package": package,
            "config": config,
            "bootstrap": BOOTSTRAP_JS,
            "player_js": static("h5p-standalone/main.bundle.js"),
        },
    )
    response["Content-Security-Policy"] = player_csp(unsafe_eval=any(lib.needs_unsafe_eval for lib in libraries))
    response["Cache-Control"] = "no-store"
    return response


def package_file(request, token, path):
    package = _package(_grant(token))
    return _file(package_dir(package), path)


def library_file(request, token, folder, path):
    package = _package(_grant(token))
    if folder not in {lib.folder for lib in package.libraries.all()}:
        raise Http404
    return _file(library_dir(folder), path)


@csrf_exempt  # no cookies reach this origin; the signed token in the URL is the credential
def state(request, token, content_id, data_type, sub_content_id):
    """H5P's contentUserData endpoint: GET loads, POST saves (``data=0`` deletes) the grant's learner's state."""
    grant = _grant(token)
    if request.method == "GET":
        data = h5p_state_load(grant=grant, data_type=data_type, sub_content_id=sub_content_id)
        return JsonResponse({"success": True, "data": data if data is not None else False})
    if request.method != "POST":
        return HttpResponse(status=405)
    data = request.POST.get("data")
    if data is None:
        return _refused(Problem("state_missing", _("No progress was sent.")), 400)
    try:
        h5p_state_save(
            grant=grant,
            content_id=content_id,
            data_type=data_type,
            sub_content_id=sub_content_id,
            data=None if data == "0" else data,  # H5P posts 0 to delete
        )
    except PermissionDenied:
        return _refused(Problem("state_denied", _("This activity is not open to you.")), 403)
    except StateRefused as exc:
        return _refused(exc.problem, 413 if exc.problem.code == "state_size" else 400)
    return JsonResponse({"success": True})


def _refused(problem: Problem, status: int) -> JsonResponse:
    return JsonResponse(
        {"success": False, "code": problem.code, "message": problem.text("id"), "message_en": problem.text("en")},
        status=status,
    )
