"""The officer's promote page for an approved listing, and the later update/unpublish of its product."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import officer_required
from store.services import promotion_for

from . import workflow
from .models import PracticeListing
from .promote_forms import PromoteForm


def _listing(request, listing_id: int) -> PracticeListing:
    listing = get_object_or_404(
        PracticeListing.objects.visible_to(request.user).select_related(
            "learner", "facility", "product", "product_revision"
        ),
        pk=listing_id,
    )
    if not permissions.can(request.user, "listing.promote", facility=listing.facility_id, owner=listing.learner_id):
        raise PermissionDenied("listing.promote")
    return listing


@officer_required
def listing_promote(request, listing_id: int):
    listing = _listing(request, listing_id)
    can_request = listing.status == PracticeListing.Status.APPROVED and listing.product_id is None
    form = PromoteForm(request.POST or None, listing=listing)
    if request.method == "POST" and can_request and form.is_valid():
        try:
            workflow.listing_promotion_request(
                actor=request.user, listing=listing, makers=form.cleaned_data["makers"], **form.stock()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except workflow.InvalidListingTransition as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The product is being published in the store."))
            return redirect("listing_promote", listing_id=listing.pk)
    return render(
        request,
        "sandbox_shop/listing_promote.html",
        {
            "listing": listing,
            "form": form,
            "can_request": can_request,
            "store_is_current": workflow.store_is_current(listing),
            "promotion": promotion_for(workflow.source_key(listing.pk)),
        },
        status=400 if request.method == "POST" else 200,
    )


@officer_required
@require_POST
def listing_product_change(request, listing_id: int, action: str):
    listing = _listing(request, listing_id)
    moves = {"perbarui": workflow.listing_product_refresh, "turunkan": workflow.listing_product_unpublish}
    if action not in moves:
        return redirect("listing_promote", listing_id=listing.pk)
    try:
        moves[action](actor=request.user, listing_id=listing.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        done = {
            "perbarui": _("The product was updated from the listing."),
            "turunkan": _("The product was taken off the store."),
        }
        messages.success(request, done[action])
    return redirect("listing_promote", listing_id=listing.pk)
