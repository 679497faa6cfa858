import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.jobs.models import OutboxMessage
from sandbox_shop import workflow
from sandbox_shop.models import FieldComment, ListingReview, ListingRevision, ListingStatusChange, PracticeListing
from store.models import ProductPage
from tests.factories import (
    FacilityFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    RegionFactory,
    add_photo,
    build_store,
    request_promotion,
)

S = PracticeListing.Status

ALLOWED = {
    ("submit", S.REVISING): S.SUBMITTED,
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.CHANGES_REQUESTED): S.SUBMITTED,
    ("request_changes", S.SUBMITTED): S.CHANGES_REQUESTED,
    ("approve", S.SUBMITTED): S.APPROVED,
    ("reject", S.SUBMITTED): S.REJECTED,
    ("promote", S.APPROVED): S.PROMOTED,
}
# revise and republish need a store product: tests/sandbox_shop/test_store_revision.py
PRODUCT_MOVES = {"revise", "republish"}
FORBIDDEN = [
    (move, status)
    for move in workflow.MOVES
    for status in S.values
    if (move, status) not in ALLOWED and move not in PRODUCT_MOVES
]


@pytest.fixture
def facility():
    return FacilityFactory()


@pytest.fixture
def learner(facility):
    return LearnerFactory(facility=facility)


@pytest.fixture
def officer(facility):
    return OfficerFactory(role=User.Role.FACILITY_ADMIN, facility=facility)


def make_listing(learner, status=S.DRAFT, *, photo=True, **fields) -> PracticeListing:
    listing = ListingFactory(learner=learner, status=status, **fields)
    if photo:
        add_photo(listing)
    return listing


def run_move(move: str, listing: PracticeListing, *, learner, officer):
    if move == "submit":
        return workflow.listing_submit(actor=learner, listing=listing)
    if move == "request_changes":
        return workflow.listing_request_changes(
            actor=officer, listing=listing, comment="Foto kurang terang.", scores=SCORES
        )
    if move == "approve":
        return workflow.listing_approve(actor=officer, listing=listing, scores=SCORES)
    if move == "reject":
        return workflow.listing_reject(actor=officer, listing=listing, comment="Bukan produk bengkel.", scores=SCORES)
    if move == "promote":
        if listing.status == S.APPROVED:
            request_promotion(listing, officer)
        return workflow.listing_promote(actor=officer, listing_id=listing.pk)
    raise AssertionError(move)


def listing_audit(listing: PracticeListing):
    return AuditEvent.objects.filter(
        target_type="sandbox_shop.practicelisting", target_id=str(listing.pk), action__startswith="listing."
    )


def test_moves_table_is_the_documented_pipeline():
    table = {(move, source): target for move, (sources, target, _perm) in workflow.MOVES.items() for source in sources}
    assert table == {
        **ALLOWED,
        ("revise", S.PROMOTED): S.REVISING,
        ("revise", S.REJECTED): S.REVISING,
        ("republish", S.APPROVED): S.PROMOTED,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "source"), list(ALLOWED), ids=[f"{m}-from-{s}" for m, s in ALLOWED])
def test_allowed_move(move, source, facility, learner, officer):
    listing = make_listing(learner, source)
    if move == "promote":
        build_store(facility)

    run_move(move, listing, learner=learner, officer=officer)

    listing.refresh_from_db()
    target = ALLOWED[(move, source)]
    assert listing.status == target
    change = ListingStatusChange.objects.get(listing=listing)
    assert (change.from_status, change.to_status) == (source, target)
    expected_actor = learner if move == "submit" else officer
    assert change.actor == expected_actor
    event = listing_audit(listing).get()
    assert event.action == f"listing.{move}"
    assert event.actor_id == expected_actor.pk
    assert event.facility_id == facility.pk
    assert event.data["from"] == source
    assert event.data["to"] == target


@pytest.mark.django_db
@pytest.mark.parametrize(("move", "source"), FORBIDDEN, ids=[f"{m}-from-{s}" for m, s in FORBIDDEN])
def test_forbidden_move(move, source, facility, learner, officer):
    listing = make_listing(learner, source)
    build_store(facility)

    with pytest.raises(workflow.InvalidListingTransition) as refusal:
        run_move(move, listing, learner=learner, officer=officer)

    assert refusal.value.move == move
    listing.refresh_from_db()
    assert listing.status == source
    assert listing.product is None
    assert not ListingStatusChange.objects.filter(listing=listing).exists()
    assert not listing_audit(listing).exists()
    assert not ProductPage.objects.exists()


@pytest.mark.django_db
def test_review_moves_keep_the_officers_comment(learner, officer):
    listing = make_listing(learner, S.SUBMITTED)

    workflow.listing_request_changes(actor=officer, listing=listing, comment="  Tambahkan ukuran tas.  ")

    listing.refresh_from_db()
    assert listing.review_comment == "Tambahkan ukuran tas."
    assert ListingStatusChange.objects.get(listing=listing).comment == "Tambahkan ukuran tas."


@pytest.mark.django_db
def test_submit_without_photo_is_refused(learner):
    listing = make_listing(learner, photo=False)

    with pytest.raises(ValidationError) as error:
        workflow.listing_submit(actor=learner, listing=listing)

    assert len(error.value.messages) == 1
    listing.refresh_from_db()
    assert listing.status == S.DRAFT
    assert not ListingStatusChange.objects.filter(listing=listing).exists()


@pytest.mark.django_db
def test_submit_with_empty_fields_is_refused(learner):
    listing = make_listing(learner, title="   ", description="")

    with pytest.raises(ValidationError) as error:
        workflow.listing_submit(actor=learner, listing=listing)

    assert len(error.value.messages) == 2  # name and description
    listing.refresh_from_db()
    assert listing.status == S.DRAFT
    assert not listing_audit(listing).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("move", ["request_changes", "reject"])
@pytest.mark.parametrize("comment", ["", "   \n"])
def test_review_without_comment_is_refused(move, comment, learner, officer):
    listing = make_listing(learner, S.SUBMITTED)
    action = {"request_changes": workflow.listing_request_changes, "reject": workflow.listing_reject}[move]

    with pytest.raises(ValidationError):
        action(actor=officer, listing=listing, comment=comment)

    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED
    assert not ListingStatusChange.objects.filter(listing=listing).exists()


@pytest.mark.django_db
def test_learner_cannot_approve_own_listing(learner):
    listing = make_listing(learner, S.SUBMITTED)

    with pytest.raises(PermissionDenied):
        workflow.listing_approve(actor=learner, listing=listing)

    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED
    assert not ListingStatusChange.objects.filter(listing=listing).exists()


@pytest.mark.django_db
def test_officer_of_another_facility_cannot_approve(learner):
    outsider = OfficerFactory(facility=FacilityFactory(region=learner.facility.region))
    listing = make_listing(learner, S.SUBMITTED)

    with pytest.raises(PermissionDenied):
        workflow.listing_approve(actor=outsider, listing=listing)

    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED


@pytest.mark.django_db
def test_regional_admin_reviews_only_inside_the_region(learner):
    own = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=learner.facility.region)
    other = OfficerFactory(role=User.Role.REGIONAL_ADMIN, facility=None, region=RegionFactory())
    listing = make_listing(learner, S.SUBMITTED)

    with pytest.raises(PermissionDenied):
        workflow.listing_reject(actor=other, listing=listing, comment="Tidak layak.")
    workflow.listing_reject(actor=own, listing=listing, comment="Tidak layak.")

    listing.refresh_from_db()
    assert listing.status == S.REJECTED


@pytest.mark.django_db
def test_learner_cannot_submit_another_learners_listing(learner):
    classmate = LearnerFactory(facility=learner.facility)
    listing = make_listing(learner)

    with pytest.raises(PermissionDenied):
        workflow.listing_submit(actor=classmate, listing=listing)

    listing.refresh_from_db()
    assert listing.status == S.DRAFT


@pytest.mark.django_db
def test_officer_cannot_submit_for_a_learner(learner, officer):
    listing = make_listing(learner)

    with pytest.raises(PermissionDenied):
        workflow.listing_submit(actor=officer, listing=listing)

    listing.refresh_from_db()
    assert listing.status == S.DRAFT


@pytest.mark.django_db
def test_allowed_moves_follow_the_status(learner):
    assert workflow.allowed_moves(make_listing(learner, S.DRAFT)) == ["submit"]
    assert set(workflow.allowed_moves(make_listing(learner, S.SUBMITTED))) == {"request_changes", "approve", "reject"}
    assert workflow.allowed_moves(make_listing(learner, S.REJECTED)) == []


@pytest.mark.django_db
def test_approval_only_approves(django_capture_on_commit_callbacks, facility, learner, officer):
    build_store(facility)
    listing = make_listing(learner, S.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.listing_approve(actor=officer, listing=listing, comment="Bagus.")

    assert len(callbacks) == 1  # the practice buyers; nothing is published
    listing.refresh_from_db()
    assert listing.status == S.APPROVED and listing.product is None
    assert not ProductPage.objects.exists()


@pytest.mark.django_db
def test_the_promotion_request_publishes_into_the_facility_store(
    django_capture_on_commit_callbacks, facility, learner, officer
):
    store = build_store(facility)
    listing = make_listing(learner, S.SUBMITTED)
    workflow.listing_approve(actor=officer, listing=listing, comment="Bagus.")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_promotion(listing, officer)

    assert callbacks  # the job is sent after the commit, and once:
    assert OutboxMessage.objects.filter(task="sandbox_shop.tasks.promote_listing").count() == 1
    listing.refresh_from_db()
    assert listing.status == S.PROMOTED
    product = listing.product
    assert product is not None
    assert product.live
    assert product.get_parent().pk == store.pk
    assert product.source_key == f"sandbox_shop.listing:{listing.pk}"
    assert list(ListingStatusChange.objects.filter(listing=listing).values_list("from_status", "to_status")) == [
        (S.SUBMITTED, S.APPROVED),
        (S.APPROVED, S.PROMOTED),
    ]
    assert set(listing_audit(listing).values_list("action", flat=True)) == {"listing.approve", "listing.promote"}


# --- revisions and reviews (rubric, field comments)

SCORES = {"photos": 3, "title": 2, "description": 2, "price": 4, "legality": 3}


@pytest.mark.django_db
def test_each_submission_freezes_a_numbered_revision(learner, officer):
    listing = make_listing(learner, price=40000)

    workflow.listing_submit(actor=learner, listing=listing)
    workflow.listing_request_changes(actor=officer, listing=listing, comment="Naikkan harga.", scores=SCORES)
    PracticeListing.objects.filter(pk=listing.pk).update(price=48000)
    workflow.listing_submit(actor=learner, listing=listing)

    first, second = ListingRevision.objects.filter(listing=listing).order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert (first.data["price"], second.data["price"]) == (40000, 48000)
    assert first.data["photo_ids"] == [listing.photos.get().pk]
    assert second.submitted_by == learner
    with pytest.raises(ValueError):
        first.save()  # immutable


@pytest.mark.django_db
def test_refused_submission_freezes_nothing(learner):
    listing = make_listing(learner, photo=False)

    with pytest.raises(ValidationError):
        workflow.listing_submit(actor=learner, listing=listing)

    assert not ListingRevision.objects.exists()


@pytest.mark.django_db
def test_review_stores_scores_and_field_comments_against_the_revision(learner, officer):
    listing = make_listing(learner)
    workflow.listing_submit(actor=learner, listing=listing)

    workflow.listing_request_changes(
        actor=officer,
        listing=listing,
        scores=SCORES,
        field_comments={"title": "Sebutkan bahan dan ukuran.", "price": "  "},
    )

    review = ListingReview.objects.get(listing=listing)
    assert review.revision.number == 1
    assert review.decision == "request_changes"
    assert review.reviewer == officer
    assert review.scores == SCORES
    assert list(review.field_comments.values_list("field", "text")) == [("title", "Sebutkan bahan dan ukuran.")]
    event = listing_audit(listing).get(action="listing.request_changes")
    assert event.data["scores"] == SCORES
    assert event.data["fields"] == ["title"]


@pytest.mark.django_db
def test_request_changes_needs_at_least_one_comment(learner, officer):
    listing = make_listing(learner)
    workflow.listing_submit(actor=learner, listing=listing)

    with pytest.raises(ValidationError):
        workflow.listing_request_changes(actor=officer, listing=listing, scores=SCORES, field_comments={"title": " "})

    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED
    assert not ListingReview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad", [{**SCORES, "price": 5}, {**SCORES, "photos": 0}, {"photos": 2}, {**SCORES, "title": "x"}]
)
@pytest.mark.parametrize("move", ["request_changes", "approve", "reject"])
def test_bad_scores_are_refused_and_nothing_is_saved(bad, move, learner, officer):
    listing = make_listing(learner)
    workflow.listing_submit(actor=learner, listing=listing)
    action = {
        "request_changes": workflow.listing_request_changes,
        "approve": workflow.listing_approve,
        "reject": workflow.listing_reject,
    }[move]

    with pytest.raises(ValidationError) as error:
        action(actor=officer, listing=listing, comment="Catatan.", scores=bad, field_comments={"title": "Ubah."})

    assert error.value.message_dict
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED
    assert not ListingReview.objects.exists()
    assert not FieldComment.objects.exists()
    assert list(ListingStatusChange.objects.filter(listing=listing).values_list("to_status", flat=True)) == [
        S.SUBMITTED
    ]


@pytest.mark.django_db
def test_database_refuses_scores_out_of_range(learner, officer):
    from django.db import IntegrityError, transaction

    listing = make_listing(learner)
    workflow.listing_submit(actor=learner, listing=listing)
    revision = ListingRevision.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingReview.objects.create(
            listing=listing,
            revision=revision,
            decision="approve",
            **{f"score_{k}": v for k, v in {**SCORES, "legality": 7}.items()},
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingReview.objects.create(listing=listing, revision=revision, decision="approve", score_photos=2)


@pytest.mark.django_db
def test_review_of_a_listing_submitted_before_revisions_freezes_it_then(learner, officer):
    listing = make_listing(learner, S.SUBMITTED)

    workflow.listing_reject(actor=officer, listing=listing, comment="Bukan produk bengkel.", scores=SCORES)

    review = ListingReview.objects.get()
    assert review.revision.number == 1
    assert review.revision.submitted_by is None
    assert review.revision.data["title"] == listing.title
