from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import learner_required, officer_required

from . import workflow
from .forms import ListingForm, ReviewForm
from .models import ListingPhoto, PracticeListing
from .services import listing_save


@learner_required
def listing_list(request):
    listings = PracticeListing.objects.visible_to(request.user).prefetch_related("photos")
    return render(request, "sandbox_shop/listing_list.html", {"listings": listings})


@learner_required
def listing_edit(request, listing_id: int | None = None):
    listing = None
    if listing_id is not None:
        listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
        if not listing.is_editable:
            messages.error(request, _("This listing is being reviewed or is finished; it cannot be changed now."))
            return redirect("listing_detail", listing_id=listing.pk)
    form = ListingForm(request.POST or None, request.FILES or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("category", "title", "description", "price")}
        saved = listing_save(actor=request.user, listing=listing, data=data, photos=form.cleaned_data["photos"])
        messages.success(request, _("Listing saved. Check the preview, then submit it for review."))
        return redirect("listing_detail", listing_id=saved.pk)
    status = 400 if form.errors else 200
    return render(request, "sandbox_shop/listing_form.html", {"form": form, "listing": listing}, status=status)


@learner_required
def listing_detail(request, listing_id: int):
    listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
    return render(
        request,
        "sandbox_shop/listing_detail.html",
        {
            "listing": listing,
            "problems": workflow.submission_problems(listing) if listing.is_editable else [],
            "history": listing.status_changes.select_related("actor"),
        },
    )


@learner_required
@require_POST
def listing_submit(request, listing_id: int):
    listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
    try:
        workflow.listing_submit(actor=request.user, listing=listing)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except workflow.InvalidListingTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Submitted. An officer will review your listing."))
    return redirect("listing_detail", listing_id=listing.pk)


@never_cache
def listing_photo(request, photo_id: int):
    """Sandbox photos are private: only the learner and the facility's officers see them."""
    visible = PracticeListing.objects.visible_to(request.user)
    photo = get_object_or_404(ListingPhoto.objects.filter(listing__in=visible), pk=photo_id)
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")


@officer_required
def listing_review(request, listing_id: int):
    listing = get_object_or_404(
        PracticeListing.objects.visible_to(request.user).select_related("learner", "facility"), pk=listing_id
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        moves = {
            "approve": workflow.listing_approve,
            "request_changes": workflow.listing_request_changes,
            "reject": workflow.listing_reject,
        }
        try:
            moves[decision](actor=request.user, listing=listing, comment=comment)
        except ValidationError as error:
            form.add_error("comment", error)
        except workflow.InvalidListingTransition as error:
            form.add_error(None, str(error))
        else:
            if decision == "approve":
                messages.success(request, _("Approved. The product is being published in the store."))
            else:
                messages.success(request, _("Your review was sent to the learner."))
            return redirect("officer_home")
    return render(
        request,
        "sandbox_shop/listing_review.html",
        {
            "listing": listing,
            "form": form,
            "contact_details": workflow.listing_contact_details(listing),
            "can_review": permissions.can(request.user, "listing.review", facility=listing.facility_id)
            and listing.status == PracticeListing.Status.SUBMITTED,
            "history": listing.status_changes.select_related("actor"),
        },
    )
