"""A promoted listing changed through a new revision: the store shows only approved content."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from sandbox_shop import workflow
from sandbox_shop.models import ListingStatusChange, PracticeListing
from sandbox_shop.services import listing_save
from store.models import ProductPage
from tests.factories import (
    AdminFactory,
    FacilityFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
    build_store,
    request_promotion,
)

S = PracticeListing.Status
SCORES = {"photos": 3, "title": 3, "description": 3, "price": 3, "legality": 3}
OLD_TITLE = "Tas Anyaman Pandan 30 cm"
NEW_TITLE = "Tas Anyaman Pandan 35 cm Motif Baru"


@pytest.fixture
def facility():
    facility = FacilityFactory()
    build_store(facility)
    return facility


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility)


@pytest.fixture
def officer(facility):
    return OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)


@pytest.fixture
def promoted(learner, officer):
    listing = ListingFactory(learner=learner, status=S.DRAFT, title=OLD_TITLE, price=85000)
    add_photo(listing)
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)
    request_promotion(listing, officer)
    workflow.listing_promote(actor=officer, listing_id=listing.pk)
    listing.refresh_from_db()
    assert listing.status == S.PROMOTED and listing.product_revision.number == 1
    return listing


def edit(listing, learner, **data):
    return listing_save(actor=learner, listing=listing, data=data, photos=[])


def product(listing) -> ProductPage:
    return ProductPage.objects.get(pk=listing.product_id)


def events(action):
    return AuditEvent.objects.filter(action=action)


@pytest.mark.django_db
def test_revise_moves_a_promoted_listing_and_is_audited(promoted, learner):
    listing = workflow.listing_revise(actor=learner, listing=promoted)

    assert listing.status == S.REVISING and listing.is_editable
    change = ListingStatusChange.objects.filter(listing=promoted).latest("pk")
    assert (change.from_status, change.to_status, change.actor) == (S.PROMOTED, S.REVISING, learner)
    event = events("listing.revise").get()
    assert event.actor_id == learner.pk
    assert event.data["from"] == S.PROMOTED and event.data["to"] == S.REVISING
    assert event.data["store_revision"] == 1 and event.data["product"] == promoted.product_id


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED, S.REVISING])
def test_revise_is_refused_from_other_states(promoted, learner, status):
    PracticeListing.objects.filter(pk=promoted.pk).update(status=status)

    with pytest.raises(workflow.InvalidListingTransition):
        workflow.listing_revise(actor=learner, listing=promoted)

    assert not events("listing.revise").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.PROMOTED, S.REJECTED])
def test_revise_needs_a_store_product(learner, status):
    listing = ListingFactory(learner=learner, status=status)

    with pytest.raises(workflow.InvalidListingTransition):
        workflow.listing_revise(actor=learner, listing=listing)
    assert PracticeListing.objects.get(pk=listing.pk).status == status


@pytest.mark.django_db
def test_only_the_owner_learner_may_revise(promoted, officer, facility):
    for actor in (officer, LearnerFactory(facility=facility)):
        with pytest.raises(PermissionDenied):
            workflow.listing_revise(actor=actor, listing=promoted)
    assert PracticeListing.objects.get(pk=promoted.pk).status == S.PROMOTED


@pytest.mark.django_db
def test_a_promoted_listing_cannot_be_edited_before_revising(promoted, learner):
    with pytest.raises(PermissionDenied):
        edit(promoted, learner, title=NEW_TITLE)
    assert PracticeListing.objects.get(pk=promoted.pk).title == OLD_TITLE


@pytest.mark.django_db
def test_the_product_keeps_the_approved_content_until_the_refresh(promoted, learner, officer, client):
    url = product(promoted).get_url()
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE, price=99000)

    def store_shows_old():
        page = product(promoted)
        assert (page.title, page.price, page.live) == (OLD_TITLE, 85000, True)
        body = client.get(url).content.decode()
        assert OLD_TITLE in body and NEW_TITLE not in body

    store_shows_old()
    listing = PracticeListing.objects.get(pk=promoted.pk)
    # refresh is refused at every step before approval
    for step in ("revising", "submitted", "changes_requested"):
        assert listing.status == step
        with pytest.raises(ValidationError):
            workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)
        store_shows_old()
        if step == "revising":
            workflow.listing_submit(actor=learner, listing=listing)
        elif step == "submitted":
            workflow.listing_request_changes(actor=officer, listing=listing, comment="Foto kurang terang.")
        listing.refresh_from_db()
        if step == "changes_requested":
            break
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)
    # approved but not yet refreshed: still the old content
    store_shows_old()
    listing.refresh_from_db()
    assert listing.status == S.APPROVED and listing.product_revision.number == 1
    assert not events("product.update").exists()


@pytest.mark.django_db
def test_refresh_after_approval_copies_the_new_revision_exactly_once(promoted, learner, officer, client):
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE, price=99000)
    listing = PracticeListing.objects.get(pk=promoted.pk)
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)
    revisions_before = product(promoted).revisions.count()

    first = workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)
    second = workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)

    assert first.pk == second.pk == promoted.product_id
    page = product(promoted)
    assert (page.title, page.price, page.live) == (NEW_TITLE, 99000, True)
    assert page.revisions.count() == revisions_before + 1
    assert NEW_TITLE in client.get(page.get_url()).content.decode()
    assert ProductPage.objects.count() == 1
    update = events("product.update").get()
    assert update.actor_id == officer.pk and set(update.data["changed"]) == {"title", "price"}
    republish = events("listing.republish").get()
    assert republish.data["from"] == S.APPROVED and republish.data["to"] == S.PROMOTED
    assert republish.data["revision"] == 2
    listing.refresh_from_db()
    assert listing.status == S.PROMOTED and listing.product_revision.number == 2
    assert workflow.store_is_current(listing)
    # the promotion job running again (a stale queue entry) changes nothing either
    workflow.listing_promote(actor=officer, listing_id=listing.pk)
    assert events("product.update").count() == 1 and events("product.publish").count() == 1


@pytest.mark.django_db
def test_a_stale_promotion_job_does_not_skip_the_refresh(promoted, learner, officer):
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE)
    listing = PracticeListing.objects.get(pk=promoted.pk)
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)

    workflow.listing_promote(actor=None, listing_id=listing.pk)

    listing.refresh_from_db()
    assert listing.status == S.APPROVED  # still waiting for the officer's refresh
    assert product(listing).title == OLD_TITLE


@pytest.mark.django_db
def test_republish_is_refused_without_a_product(learner, officer):
    listing = ListingFactory(learner=learner, status=S.APPROVED)
    with pytest.raises(ValidationError):
        workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)
    assert PracticeListing.objects.get(pk=listing.pk).status == S.APPROVED
    assert not events("listing.republish").exists()


@pytest.mark.django_db
def test_a_rejected_revision_leaves_the_store_alone_and_can_be_revised_again(promoted, learner, officer):
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE)
    listing = PracticeListing.objects.get(pk=promoted.pk)
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_reject(actor=officer, listing=listing, comment="Bukan produk bengkel.")

    with pytest.raises(ValidationError):
        workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)
    assert product(listing).title == OLD_TITLE
    listing.refresh_from_db()
    assert workflow.allowed_moves(listing) == ["revise"]
    assert workflow.listing_revise(actor=learner, listing=listing).status == S.REVISING


@pytest.mark.django_db
@pytest.mark.parametrize("stop", ["revising", "submitted", "approved"])
def test_unpublish_works_during_a_revision_and_refresh_keeps_it_off(promoted, learner, officer, client, stop):
    url = product(promoted).get_url()
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE)
    listing = PracticeListing.objects.get(pk=promoted.pk)
    if stop in ("submitted", "approved"):
        workflow.listing_submit(actor=learner, listing=listing)
    if stop == "approved":
        workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)

    workflow.listing_product_unpublish(actor=officer, listing_id=listing.pk)

    assert not product(listing).live
    assert client.get(url).status_code == 404
    assert events("product.unpublish").count() == 1
    assert PracticeListing.objects.get(pk=listing.pk).status == stop
    if stop == "approved":
        # the refresh copies the approved revision but does not put the product back on the store
        workflow.listing_product_refresh(actor=officer, listing_id=listing.pk)
        page = product(listing)
        assert page.title == NEW_TITLE and not page.live
        assert client.get(url).status_code == 404
        assert events("product.update").get().data["live"] is False


# --- the pages ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_learner_starts_a_revision_from_the_listing_page(client, promoted, learner):
    client.force_login(learner)
    page = client.get(f"/toko-latihan/{promoted.pk}/").content.decode()
    assert f'action="/toko-latihan/{promoted.pk}/revisi/"' in page

    response = client.post(f"/toko-latihan/{promoted.pk}/revisi/")

    assert response.status_code == 302 and response.url == f"/toko-latihan/{promoted.pk}/ubah/"
    assert PracticeListing.objects.get(pk=promoted.pk).status == S.REVISING
    page = client.get(f"/toko-latihan/{promoted.pk}/").content.decode()
    assert "/revisi/" not in page and f"/toko-latihan/{promoted.pk}/ubah/" in page
    # a second press is refused with a message, nothing changes
    client.post(f"/toko-latihan/{promoted.pk}/revisi/")
    assert events("listing.revise").count() == 1


@pytest.mark.django_db
def test_another_learner_cannot_revise(client, promoted, facility):
    client.force_login(LearnerFactory(facility=facility))
    assert client.post(f"/toko-latihan/{promoted.pk}/revisi/").status_code == 404
    assert PracticeListing.objects.get(pk=promoted.pk).status == S.PROMOTED


@pytest.mark.django_db
def test_the_officer_updates_the_product_from_the_promote_page(client, promoted, learner, officer):
    workflow.listing_revise(actor=learner, listing=promoted)
    edit(PracticeListing.objects.get(pk=promoted.pk), learner, title=NEW_TITLE)
    listing = PracticeListing.objects.get(pk=promoted.pk)
    client.force_login(AdminFactory(facility=officer.facility))
    url = f"/petugas/promosi/{listing.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert f"{url}perbarui/" not in response.content.decode()  # revising: no refresh button
    assert f"{url}turunkan/" in response.content.decode()  # but unpublish is there
    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)
    assert f"{url}perbarui/" in client.get(url).content.decode()

    client.post(f"{url}perbarui/")
    client.post(f"{url}perbarui/")  # a double click

    assert product(listing).title == NEW_TITLE
    assert events("product.update").count() == 1
    assert PracticeListing.objects.get(pk=listing.pk).status == S.PROMOTED
    page = client.get(url).content.decode()
    assert f"{url}perbarui/" not in page and f"{url}turunkan/" in page
