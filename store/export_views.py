"""Officer pages of the store: the marketplace export."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts import permissions
from lms.accounts.decorators import officer_required

from . import marketplace
from .selectors import facility_for_store_officer, facility_products

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@officer_required
def marketplace_export(request, code: str):
    facility = facility_for_store_officer(request.user, code)
    if facility is None:
        raise Http404
    permissions.require(request.user, "product.export", facility=facility)
    products = facility_products(facility=facility)
    error = ""
    if request.method == "POST":
        fmt = request.POST.get("format", "")
        chosen = [value for value in request.POST.getlist("products") if value.isdigit()]
        selected = list(products.filter(pk__in=chosen))
        if fmt not in marketplace.FORMATS:
            error = _("Choose Shopee or TikTok Shop / Tokopedia.")
        elif not selected:
            error = _("Choose at least one product.")
        else:
            export = marketplace.marketplace_export(products=selected, fmt=fmt)
            name = f"{fmt}-{facility.code}-{timezone.localdate():%Y%m%d}.xlsx"
            response = HttpResponse(export.xlsx(), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    rows = [
        {
            "product": product,
            "problems": {fmt: marketplace.problems(product, fmt) for fmt in marketplace.FORMATS},
        }
        for product in products
    ]
    return render(
        request,
        "store/marketplace_export.html",
        {"facility": facility, "rows": rows, "error": error},
        status=400 if error else 200,
    )
