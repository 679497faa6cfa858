"""Content-origin views: the player page, package and library files, and resume state.

Served only by the content server (``courses.h5p.wsgi`` with ``content_settings``): no sessions, no
cookies, every URL carries a signed token (see ``player``). Files are streamed from ``H5P_ROOT``
after checking that the path stays inside the package or one of its libraries.
"""

import json
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.csrf import csrf_exempt

from .models import H5PPackage, H5PUserState
from .player import BOOTSTRAP_JS, FILE_CSP, player_csp, read_token
from .services import StatementRefused, h5p_state_save, library_dir, package_dir


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
    grant = _grant(token)
    package = _package(grant)
    libraries = list(package.libraries.all())
    state = H5PUserState.objects.filter(
        learner_id=grant.user_id, lesson_id=grant.lesson_id, package_id=grant.package_id, sub_content_id="0"
    )
    user_data = {row.data_type: row.data for row in state}
    base = f"{settings.H5P_ORIGIN}/c/{token}"
    options = {
        "id": "bekal",
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
        "saveFreq": 5,
        "contentUserData": [user_data] if user_data else [],
        "ajax": {"contentUserDataUrl": f"{base}/state/:contentId/:dataType/:subContentId"},
        "xAPIObjectIRI": f"{settings.SITE_URL}/h5p/{grant.lesson_id}/{package.pk}",
    }
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
    grant = _grant(token)
    if request.method == "GET":
        row = H5PUserState.objects.filter(
            learner_id=grant.user_id,
            lesson_id=grant.lesson_id,
            package_id=grant.package_id,
            data_type=data_type,
            sub_content_id=sub_content_id,
        ).first()
        return JsonResponse({"success": True, "data": row.data if row else False})
    if request.method != "POST":
        return HttpResponse(status=405)
    data = request.POST.get("data")
    if request.POST.get("invalidate") == "1" and data in (None, "0", "null"):
        data = None
    try:
        h5p_state_save(grant=grant, data_type=data_type, sub_content_id=sub_content_id, data=data)
    except PermissionDenied:
        return JsonResponse({"success": False}, status=403)
    except StatementRefused:
        return JsonResponse({"success": False, "message": "too large"}, status=413)
    return JsonResponse({"success": True})


def _json(data) -> str:
    return json.dumps(data).replace("<", "\\u003c")
