"""URLs of the content origin only (``content_settings.ROOT_URLCONF``); the app origin never serves these."""

from django.urls import path

from . import content_views

urlpatterns = [
    path("c/<str:token>/play", content_views.play, name="h5p_play"),
    path("c/<str:token>/files/<path:path>", content_views.package_file, name="h5p_package_file"),
    path("c/<str:token>/libraries/<str:folder>/<path:path>", content_views.library_file, name="h5p_library_file"),
    path(
        "c/<str:token>/state/<str:content_id>/<str:data_type>/<str:sub_content_id>",
        content_views.state,
        name="h5p_state",
    ),
]


def _not_found(request, exception=None):
    from django.http import HttpResponseNotFound

    return HttpResponseNotFound("Not found", content_type="text/plain")


def _server_error(request):
    from django.http import HttpResponseServerError

    return HttpResponseServerError("Server error", content_type="text/plain")


handler404 = _not_found
handler500 = _server_error
