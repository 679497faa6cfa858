from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.accounts import permissions
from lms.accounts.decorators import learner_required, officer_required
from lms.accounts.selectors import cohorts_visible_to

from . import pricing, quality, rubric, selectors, workflow
from .forms import ListingForm, QueueFilterForm, ReviewForm, listing_facts_from_form, variant_formset
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
    post = request.POST if request.method == "POST" else None
    form = ListingForm(post, request.FILES or None, instance=listing)
    variants = variant_formset(post, listing)
    if request.method == "POST" and form.is_valid() and (not variants.is_bound or variants.is_valid()):
        cover = form.cleaned_data.get("cover")
        try:
            saved = listing_save(
                actor=request.user,
                listing=listing,
                data=form.listing_data(),
                photos=form.cleaned_data["photos"],
                variants=variants.variants() if variants.is_bound else None,
                cover_id=cover.pk if cover else None,
                remove_ids=[p.pk for p in form.cleaned_data.get("remove_photos") or []],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Listing saved. Check the preview, then submit it for review."))
            return redirect("listing_detail", listing_id=saved.pk)
    if listing is not None:
        listing.refresh_from_db()  # the form wrote the typed values onto it; show the saved ones
    report = workflow.quality_report(listing) if listing else None
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "sandbox_shop/listing_form.html",
        {
            "form": form,
            "variants": variants,
            "listing": listing,
            "check": report.as_dict(quality.lesson_urls()) if report else None,
            **_review_context(listing),
        },
        status=status,
    )


@learner_required
def listing_detail(request, listing_id: int):
    listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
    report = workflow.quality_report(listing)
    return render(
        request,
        "sandbox_shop/listing_detail.html",
        {
            "listing": listing,
            "check": report.as_dict(quality.lesson_urls()),
            "history": listing.status_changes.select_related("actor"),
            "can_revise": "revise" in workflow.allowed_moves(listing),
            **_review_context(listing),
        },
    )


def _review_context(listing) -> dict:
    """The officer's last review as the learner sees it: rubric levels and comments keyed by field."""
    review = selectors.latest_review(listing) if listing is not None else None
    if review is None:
        return {"review": None, "notes": {}, "rubric_rows": []}
    labels = dict(rubric.commentable_fields())
    rows = []
    if review.has_scores:
        for criterion in rubric.CRITERIA:
            score = review.scores[criterion.key]
            rows.append({"label": criterion.label, "score": score, "meaning": criterion.levels[score - 1]})
    notes = {note.field: note.text for note in review.field_comments.all()}
    return {
        "review": review,
        "notes": notes,
        "labelled_notes": [(labels.get(name, name), text) for name, text in notes.items()],
        "rubric_rows": rows,
    }


@require_POST
def listing_check(request, listing_id: int | None = None):
    """Live quality check: the edit form's fields in, findings and score out (JSON).

    Only a learner (who has set their own PIN), only on their own listing or a new one; CSRF applies
    as to any POST. Nothing is saved.
    """
    if not permissions.is_learner(request.user) or request.user.must_change_pin:
        return JsonResponse({"error": "forbidden"}, status=403)
    listing = None
    if listing_id is not None:
        listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
        if listing.learner_id != request.user.pk:
            raise Http404
    form = ListingForm(request.POST, instance=listing)
    facts = listing_facts_from_form(
        form, variant_formset(request.POST, listing), listing=listing, pending_photos=request.POST.get("pending_photos")
    )
    report = quality.check_listing(facts)
    cost = facts.hpp
    payload = report.as_dict(quality.lesson_urls())
    payload["pricing"] = {
        "hpp": cost,
        "suggested_price": pricing.suggested_price(cost=cost, markup_percent=facts.markup_percent) if cost else None,
        "margin": pricing.margin(price=facts.price, cost=cost).amount if facts.price else None,
    }
    return JsonResponse(payload)


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


@learner_required
@require_POST
def listing_revise(request, listing_id: int):
    """Start a new revision of a listing that is in the store; the store keeps the approved one meanwhile."""
    listing = get_object_or_404(PracticeListing.objects.visible_to(request.user), pk=listing_id)
    try:
        workflow.listing_revise(actor=request.user, listing=listing)
    except workflow.InvalidListingTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "You can change the listing now. The store keeps showing the approved version "
                "until an officer approves the new one."
            ),
        )
        return redirect("listing_edit", listing_id=listing.pk)
    return redirect("listing_detail", listing_id=listing.pk)


@never_cache
def listing_photo(request, photo_id: int):
    """Sandbox photos are private: only the learner and the facility's officers see them."""
    visible = PracticeListing.objects.visible_to(request.user)
    photo = get_object_or_404(ListingPhoto.objects.filter(listing__in=visible), pk=photo_id)
    if request.GET.get("ukuran") == "kecil" and photo.thumbnail:
        return FileResponse(photo.thumbnail.open("rb"), content_type="image/jpeg")
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")


@officer_required
def review_queue(request):
    form = QueueFilterForm(request.GET, cohorts=cohorts_visible_to(request.user))
    listings = selectors.review_queue(user=request.user, **form.filters())
    return render(request, "sandbox_shop/review_queue.html", {"form": form, "listings": listings})


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
            moves[decision](
                actor=request.user,
                listing=listing,
                comment=comment,
                scores=form.scores(),
                field_comments=form.field_comments(),
            )
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "comment", error.messages)
        except workflow.InvalidListingTransition as error:
            form.add_error(None, str(error))
        else:
            if decision == "approve":
                messages.success(request, _("Approved. Promote it to the store when its stock is ready."))
            else:
                messages.success(request, _("Your review was sent to the learner."))
            return redirect("listing_review_queue")
    revisions = selectors.listing_revisions(listing)
    shown = _chosen_revision(revisions, request.GET.get("revisi"))
    return render(
        request,
        "sandbox_shop/listing_review.html",
        {
            "listing": listing,
            "form": form,
            "check": workflow.quality_report(listing).as_dict(quality.lesson_urls()),
            "can_review": permissions.can(request.user, "listing.review", facility=listing.facility_id)
            and listing.status == PracticeListing.Status.SUBMITTED,
            "history": listing.status_changes.select_related("actor"),
            "revisions": revisions,
            "shown": shown,
            "field_labels": {**dict(rubric.commentable_fields()), "photo_ids": _("Photos")},
            "criteria": rubric.CRITERIA,
        },
    )


def _chosen_revision(revisions: list, number: str | None):
    """The revision asked for by ``?revisi=N`` (the latest when absent or unknown)."""
    for view in revisions:
        if str(view.revision.number) == (number or "").strip():
            return view
    return revisions[-1] if revisions else None
