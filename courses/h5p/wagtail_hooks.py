from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.accounts import permissions

from . import admin_views
from .models import H5PPackage


class H5PPackageViewSet(SnippetViewSet):
    """Lets the lesson editor choose an imported package; packages come only from the import screen."""

    model = H5PPackage
    icon = "form"
    add_to_admin_menu = False
    list_display = ["title", "main_library", "created_at"]
    search_fields = ["title"]


register_snippet(H5PPackageViewSet)


@hooks.register("register_admin_urls")
def h5p_admin_urls():
    return [
        path("h5p/", admin_views.index, name="h5p_admin"),
        path("h5p/impor/<uuid:import_id>/", admin_views.import_status, name="h5p_admin_import"),
        path("h5p/pustaka/<int:library_id>/setujui/", admin_views.library_approve, name="h5p_admin_library_approve"),
    ]


class H5PMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can(request.user, "h5p.import")


@hooks.register("register_admin_menu_item")
def h5p_menu_item():
    return H5PMenuItem(_("H5P activities"), reverse("h5p_admin"), icon_name="form", order=260)
