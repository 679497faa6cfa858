"""Wagtail admin screens for H5P: upload (queued import with a progress page), imports, library approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts import permissions

from .forms import H5PUploadForm
from .models import H5PImport, H5PLibrary, H5PPackage
from .services import h5p_import_start, h5p_library_approve


def _require_importer(user) -> None:
    if not permissions.can(user, "h5p.import"):
        raise PermissionDenied("h5p.import")


def index(request):
    _require_importer(request.user)
    form = H5PUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        row = h5p_import_start(actor=request.user, upload=form.cleaned_data["file"])
        return redirect("h5p_admin_import", import_id=row.pk)
    return TemplateResponse(
        request,
        "h5p/admin/index.html",
        {
            "form": form,
            "imports": H5PImport.objects.select_related("package")[:20],
            "libraries": H5PLibrary.objects.select_related("approved_by"),
            "packages": H5PPackage.objects.select_related("main_library")[:50],
            "can_approve": permissions.can(request.user, "h5p.approve"),
        },
    )


def import_status(request, import_id):
    _require_importer(request.user)
    row = get_object_or_404(H5PImport, pk=import_id)
    return TemplateResponse(
        request, "h5p/admin/import.html", {"row": row, "running": row.status in ("queued", "running")}
    )


@require_POST
def library_approve(request, library_id):
    library = get_object_or_404(H5PLibrary, pk=library_id)
    h5p_library_approve(actor=request.user, library=library)
    messages.success(request, _("Library %(name)s approved.") % {"name": library.folder})
    return redirect("h5p_admin")
