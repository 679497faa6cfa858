import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sandbox_shop.models import ListingPhoto, PracticeListing
from tests.factories import (
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    ListingFactory,
    OfficerFactory,
    add_photo,
    build_store,
    jpeg_upload,
)

S = PracticeListing.Status
CREATE_URL = "/toko-latihan/baru/"


def listing_data(**overrides) -> dict:
    data = {
        "category": PracticeListing.Category.CRAFT,
        "title": "Tas Anyaman Pandan 30 cm",
        "description": "Anyaman pandan, tali kulit sintetis, tinggi 30 cm.",
        "price": "45000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def learner():
    return LearnerFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def nothing_saved():
    return not PracticeListing.objects.exists() and not ListingPhoto.objects.exists()


@pytest.mark.django_db
def test_create_with_a_non_image_upload_is_refused(learner_client):
    fake = SimpleUploadedFile("tas.jpg", b"%PDF-1.4 bukan foto", content_type="image/jpeg")

    response = learner_client.post(CREATE_URL, {**listing_data(), "photos": [fake]})

    assert response.status_code == 400
    errors = response.context["form"].errors["photos"]
    assert len(errors) == 1
    assert "tas.jpg" in errors[0]  # the message names the file that was refused
    assert nothing_saved()


@pytest.mark.django_db
def test_one_bad_file_among_good_ones_saves_nothing(learner_client):
    fake = SimpleUploadedFile("catatan.jpg", b"teks biasa", content_type="image/jpeg")

    response = learner_client.post(CREATE_URL, {**listing_data(), "photos": [jpeg_upload(), fake]})

    assert response.status_code == 400
    assert "catatan.jpg" in response.context["form"].errors["photos"][0]
    assert nothing_saved()


@pytest.mark.django_db
def test_create_with_empty_fields_is_refused(learner_client):
    empty = {"category": "", "title": "", "description": "", "price": ""}

    response = learner_client.post(CREATE_URL, {**empty, "photos": [jpeg_upload()]})

    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"category", "title", "description", "price"}
    assert nothing_saved()


@pytest.mark.django_db
def test_create_without_a_photo_is_refused(learner_client):
    response = learner_client.post(CREATE_URL, listing_data())

    assert response.status_code == 400
    assert "photos" in response.context["form"].errors
    assert nothing_saved()


@pytest.mark.django_db
def test_create_with_a_zero_price_is_refused(learner_client):
    response = learner_client.post(CREATE_URL, {**listing_data(price="0"), "photos": [jpeg_upload()]})

    assert response.status_code == 400
    assert response.context["form"].errors  # refused by the listing_price_positive constraint
    assert nothing_saved()


@pytest.mark.django_db
def test_valid_create_saves_one_listing_with_one_clean_photo(learner_client, learner, settings):
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    out = io.BytesIO()
    Image.new("RGB", (900, 700), (90, 120, 60)).save(out, "JPEG", exif=exif.tobytes())
    photo = SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), content_type="image/jpeg")

    response = learner_client.post(CREATE_URL, {**listing_data(), "photos": [photo]})

    listing = PracticeListing.objects.get()
    assert response.status_code == 302
    assert response.url == f"/toko-latihan/{listing.pk}/"
    assert (listing.learner, listing.facility, listing.status) == (learner, learner.facility, S.DRAFT)
    assert listing.title == "Tas Anyaman Pandan 30 cm"
    assert listing.price == 45000
    stored = listing.photos.get()
    path = Path(stored.image.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    with Image.open(path) as saved:
        assert len(saved.getexif()) == 0
        assert saved.size == (stored.width, stored.height) == (900, 700)


@pytest.mark.django_db
def test_owner_sees_own_listing_and_photo(learner_client, learner):
    listing = ListingFactory(learner=learner)
    photo = add_photo(listing)

    assert learner_client.get(f"/toko-latihan/{listing.pk}/").status_code == 200
    response = learner_client.get(f"/toko-latihan/foto/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.django_db
def test_learner_cannot_see_another_learners_listing(learner_client, learner):
    other = ListingFactory(learner=LearnerFactory(facility=learner.facility))
    photo = add_photo(other)

    assert learner_client.get(f"/toko-latihan/{other.pk}/").status_code == 404
    assert learner_client.get(f"/toko-latihan/{other.pk}/ubah/").status_code == 404
    assert learner_client.get(f"/toko-latihan/foto/{photo.pk}/").status_code == 404
    assert learner_client.post(f"/toko-latihan/{other.pk}/ajukan/").status_code == 404
    other.refresh_from_db()
    assert other.status == S.DRAFT


@pytest.mark.django_db
def test_anonymous_cannot_fetch_a_listing_photo(client):
    photo = add_photo(ListingFactory())

    assert client.get(f"/toko-latihan/foto/{photo.pk}/").status_code == 404


@pytest.mark.django_db
def test_learner_submits_through_the_view(learner_client, learner):
    listing = ListingFactory(learner=learner)
    add_photo(listing)

    response = learner_client.post(f"/toko-latihan/{listing.pk}/ajukan/")

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED


@pytest.mark.django_db
def test_submitted_listing_cannot_be_edited(learner_client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED, title="Judul Lama Sekali")
    add_photo(listing)

    response = learner_client.post(f"/toko-latihan/{listing.pk}/ubah/", listing_data(title="Judul Baru Sekali"))

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.title == "Judul Lama Sekali"


@pytest.mark.django_db
def test_officer_of_another_facility_gets_404(client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)
    photo = add_photo(listing)
    client.force_login(OfficerFactory(facility=FacilityFactory(region=learner.facility.region)))

    assert client.get(f"/petugas/tinjau/{listing.pk}/").status_code == 404
    assert client.post(f"/petugas/tinjau/{listing.pk}/", {"decision": "approve"}).status_code == 404
    assert client.get(f"/toko-latihan/foto/{photo.pk}/").status_code == 404
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED


@pytest.mark.django_db
def test_officer_of_the_facility_sees_the_review_page_and_photos(client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)
    photo = add_photo(listing)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    response = client.get(f"/petugas/tinjau/{listing.pk}/")

    assert response.status_code == 200
    assert response.context["can_review"] is True
    assert client.get(f"/toko-latihan/foto/{photo.pk}/").status_code == 200


@pytest.mark.django_db
def test_learner_is_sent_away_from_the_review_page(learner_client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)

    response = learner_client.post(f"/petugas/tinjau/{listing.pk}/", {"decision": "approve"})

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED


@pytest.mark.django_db
def test_officer_approves_through_the_review_page(client, learner, django_capture_on_commit_callbacks):
    build_store(learner.facility)
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)
    add_photo(listing)
    officer = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/petugas/tinjau/{listing.pk}/", {"decision": "approve", "comment": "Rapi.", **RUBRIC_POST}
        )

    assert response.status_code == 302
    assert response.url == "/petugas/tinjau/"
    listing.refresh_from_db()
    assert listing.status == S.APPROVED  # promotion is a separate step, on the promote page
    assert listing.review_comment == "Rapi."
    assert listing.product is None
    assert listing.status_changes.get(to_status=S.APPROVED).actor == officer


@pytest.mark.django_db
def test_request_changes_without_comment_is_shown_again(client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    response = client.post(
        f"/petugas/tinjau/{listing.pk}/", {"decision": "request_changes", "comment": "", **RUBRIC_POST}
    )

    assert response.status_code == 200
    assert "comment" in response.context["form"].errors
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED


@pytest.mark.django_db
def test_a_zero_price_is_refused_on_the_price_field(client):
    from sandbox_shop.models import PracticeListing
    from tests.factories import LearnerFactory
    from tests.factories.shop import jpeg_upload

    learner = LearnerFactory()
    client.force_login(learner, backend="lms.accounts.backends.LearnerPinBackend")
    response = client.post(
        "/toko-latihan/baru/",
        {
            "category": "kerajinan",
            "title": "Tas Anyaman Pandan",
            "description": "Tas anyaman pandan buatan tangan.",
            "price": "0",
            "photos": jpeg_upload(),
        },
    )
    assert response.status_code == 400
    assert "price" in response.context["form"].errors
    assert not PracticeListing.objects.exists()


@pytest.mark.django_db
def test_instructor_reviews_only_their_cohorts_listings(client, learner):
    listing = ListingFactory(learner=learner, status=S.SUBMITTED)
    classmate_listing = ListingFactory(learner=LearnerFactory(facility=learner.facility), status=S.SUBMITTED)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    home = client.get("/petugas/")
    assert list(home.context["waiting"]) == [listing]
    assert client.get(f"/petugas/tinjau/{listing.pk}/").status_code == 200
    assert client.get(f"/petugas/tinjau/{classmate_listing.pk}/").status_code == 404
    assert client.post(f"/petugas/tinjau/{classmate_listing.pk}/", {"decision": "approve"}).status_code == 404
    classmate_listing.refresh_from_db()
    assert classmate_listing.status == S.SUBMITTED


RUBRIC_POST = {
    "score_photos": "3",
    "score_title": "2",
    "score_description": "3",
    "score_price": "4",
    "score_legality": "4",
}


# --- review queue, rubric and field comments (sandbox-review)


def _submitted_listing(learner, **fields):
    from sandbox_shop import workflow

    listing = ListingFactory(learner=learner, **fields)
    add_photo(listing)
    workflow.listing_submit(actor=learner, listing=listing)
    return listing


@pytest.mark.django_db
def test_officer_home_links_to_the_queue(client, learner):
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    assert 'href="/petugas/tinjau/"' in client.get("/petugas/").content.decode()


@pytest.mark.django_db
def test_queue_page_lists_and_filters(client, learner):
    from tests.factories import CohortFactory

    listing = _submitted_listing(learner, title="Tas Pandan Antrean Satu")
    cohort = CohortFactory(facility=learner.facility)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    page = client.get("/petugas/tinjau/")
    assert page.status_code == 200
    assert "Tas Pandan Antrean Satu" in page.content.decode()
    assert f'href="/petugas/tinjau/{listing.pk}/"' in page.content.decode()
    assert list(client.get("/petugas/tinjau/", {"waiting": "3"}).context["listings"]) == []
    assert list(client.get("/petugas/tinjau/", {"status": "approved"}).context["listings"]) == []
    # a cohort the instructor does not teach is not one of the choices: reported, not applied
    refused = client.get("/petugas/tinjau/", {"cohort": cohort.pk})
    assert "cohort" in refused.context["form"].errors
    assert list(refused.context["listings"]) == [listing]


@pytest.mark.django_db
def test_review_page_stores_rubric_and_field_comments(client, learner):
    from sandbox_shop.models import ListingReview

    listing = _submitted_listing(learner)
    officer = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    client.force_login(officer)

    response = client.post(
        f"/petugas/tinjau/{listing.pk}/",
        {
            "decision": "request_changes",
            **RUBRIC_POST,
            "note_field_1": "title",
            "note_text_1": "Sebutkan ukuran tas.",
            "note_field_2": "",
            "note_text_2": "",
        },
    )

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == S.CHANGES_REQUESTED
    review = ListingReview.objects.get(listing=listing)
    assert review.scores == {"photos": 3, "title": 2, "description": 3, "price": 4, "legality": 4}
    assert list(review.field_comments.values_list("field", "text")) == [("title", "Sebutkan ukuran tas.")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "error_field"),
    [
        ({"score_price": "5"}, "score_price"),
        ({"score_photos": "0"}, "score_photos"),
        ({"score_title": ""}, "score_title"),
        ({"note_field_1": "title", "note_text_1": ""}, "note_text_1"),
        ({"note_field_1": "", "note_text_1": "Tanpa kolom."}, "note_field_1"),
    ],
)
def test_review_page_refuses_bad_rubric_with_a_message_and_saves_nothing(client, learner, change, error_field):
    from sandbox_shop.models import FieldComment, ListingReview

    listing = _submitted_listing(learner)
    client.force_login(InstructorFactory(facility=learner.facility, cohort_learners=[learner]))

    response = client.post(
        f"/petugas/tinjau/{listing.pk}/",
        {"decision": "request_changes", "comment": "Perbaiki.", **RUBRIC_POST, **change},
    )

    assert response.status_code == 200
    assert response.context["form"].errors[error_field]
    assert 'role="alert"' in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == S.SUBMITTED
    assert not ListingReview.objects.exists() and not FieldComment.objects.exists()


@pytest.mark.django_db
def test_review_page_shows_the_difference_between_revisions(client, learner):
    from sandbox_shop import workflow

    listing = _submitted_listing(learner, description="Tas dari pandan, ukuran 30 cm.")
    officer = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    workflow.listing_request_changes(actor=officer, listing=listing, comment="Tambahkan warna.")
    PracticeListing.objects.filter(pk=listing.pk).update(description="Tas dari pandan warna merah, ukuran 30 cm.")
    workflow.listing_submit(actor=learner, listing=listing)
    client.force_login(officer)

    latest = client.get(f"/petugas/tinjau/{listing.pk}/").content.decode()
    first = client.get(f"/petugas/tinjau/{listing.pk}/?revisi=1").content.decode()

    assert "<del>pandan,</del>" in latest and "<ins>pandan warna merah,</ins>" in latest
    assert "<ins>" not in first
    assert "Tambahkan warna." in first  # the review of version 1


@pytest.mark.django_db
def test_learner_sees_the_comments_next_to_the_fields_and_the_rubric(client, learner):
    from sandbox_shop import workflow

    listing = _submitted_listing(learner)
    officer = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    workflow.listing_request_changes(
        actor=officer,
        listing=listing,
        scores={"photos": 2, "title": 1, "description": 3, "price": 4, "legality": 4},
        field_comments={"title": "Sebutkan bahan dan ukuran.", "variants": "Tambahkan ukuran S dan M."},
    )
    client.force_login(learner)

    form_page = client.get(f"/toko-latihan/{listing.pk}/ubah/").content.decode()
    title_block = form_page.split('data-field="title"')[1].split('data-field="description"')[0]
    assert "Sebutkan bahan dan ukuran." in title_block
    variants_block = form_page.split('data-field="variants"')[1]
    assert "Tambahkan ukuran S dan M." in variants_block
    description_block = form_page.split('data-field="description"')[1].split("data-field=")[0]
    assert "field-note" not in description_block

    detail = client.get(f"/toko-latihan/{listing.pk}/").content.decode()
    assert "Sebutkan bahan dan ukuran." in detail
    assert "1/4" in detail and "4/4" in detail
