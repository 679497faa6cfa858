"""Public verification, the published key and Open Badges credential, and the officers' certificate desk."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from certificates import badges, signing
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_reissue, certificate_render, certificate_revoke
from courses.models import Enrollment
from lms.accounts.models import User
from tests.factories import FacilityFactory, LearnerFactory, OfficerFactory

from .conftest import sign_in_officer


@pytest.fixture
def rendered(learner, course):
    certificate = certificate_issue(actor=None, learner=learner, course=course)
    return certificate_render(certificate_id=certificate.pk)


def verify_url(certificate):
    return f"/sertifikat/{certificate.serial}/"


# --- public page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_qr_code_address_with_the_short_code_confirms_it(client, rendered):
    code = rendered.verification_code.replace("-", "")
    good = client.get(verify_url(rendered), {"c": code})
    bad = client.get(verify_url(rendered), {"c": "AAAABBBBCCCC"})
    assert good.context["code_matches"] is True
    assert bad.context["code_matches"] is False


@pytest.mark.django_db
def test_a_code_from_another_certificate_or_a_tampered_serial_fails(client, rendered, facility, course):
    other = certificate_issue(actor=None, learner=LearnerFactory(facility=facility), course=course)

    response = client.post(verify_url(rendered), {"check": "code", "code": other.verification_code})
    assert response.context["code_matches"] is False

    tampered_serial = rendered.serial[:-1] + ("9" if rendered.serial[-1] != "9" else "8")
    assert client.get(f"/sertifikat/{tampered_serial}/").status_code == 404


@pytest.mark.django_db
def test_an_altered_record_is_not_shown_as_valid(client, rendered):
    Certificate.objects.filter(pk=rendered.pk).update(course_title="Kursus Lain")

    response = client.post(verify_url(rendered), {"check": "code", "code": rendered.verification_code})

    assert response.context["signature_ok"] is False
    assert response.context["code_matches"] is False
    assert "verdict-ok" not in response.content.decode()


@pytest.mark.django_db
def test_revoked_certificate_shows_revoked(client, rendered, admin):
    certificate_revoke(actor=admin, certificate=rendered, reason="Keliru")

    html = client.get(verify_url(rendered)).content.decode()

    assert "verdict-bad" in html and "verdict-ok" not in html
    assert "revoked" in html.lower() or "dicabut" in html.lower()
    assert "Keliru" not in html  # the reason is for officers


@pytest.mark.django_db
def test_replaced_certificate_names_its_replacement(client, rendered, admin):
    new = certificate_reissue(actor=admin, certificate=rendered, reason="Nama salah")

    html = client.get(verify_url(rendered)).content.decode()

    assert new.serial in html
    assert "verdict-bad" in html
    assert "verdict-ok" in client.get(verify_url(new)).content.decode()


@pytest.mark.django_db
def test_public_page_never_shows_name_or_registration_number(client, rendered, learner):
    html = client.get(verify_url(rendered)).content.decode()
    assert "Santoso" not in html and learner.registration_number not in html
    assert rendered.signature not in html and rendered.verification_code not in html


def upload(client, certificate, data: bytes, name="sertifikat.pdf"):
    return client.post(
        verify_url(certificate), {"check": "pdf", "pdf": SimpleUploadedFile(name, data, content_type="application/pdf")}
    )


@pytest.mark.django_db
def test_uploading_the_original_pdf_matches(client, rendered):
    response = upload(client, rendered, rendered.pdf.read())
    assert response.context["upload_result"] == "original"


@pytest.mark.django_db
def test_a_resaved_copy_matches_by_signature_and_details(client, rendered):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered.pdf.read())))
    out = io.BytesIO()
    writer.write(out)
    response = upload(client, rendered, out.getvalue())
    assert response.context["upload_result"] == "matches"


@pytest.mark.django_db
def test_another_certificates_pdf_does_not_match(client, rendered, facility, course):
    other = certificate_render(
        certificate_id=certificate_issue(actor=None, learner=LearnerFactory(facility=facility), course=course).pk
    )
    response = upload(client, rendered, other.pdf.read())
    assert response.context["upload_result"] == "mismatch"
    assert "verdict-bad" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [b"GIF89a not a pdf", b"%PDF-1.7 garbage that is no PDF at all", b""])
def test_bad_uploads_get_a_message_not_an_error(client, rendered, data):
    response = upload(client, rendered, data, name="x.pdf")
    assert response.status_code == 200
    assert response.context["upload_result"] is None
    assert response.context["upload_form"].errors


# --- published key and Open Badges -----------------------------------------------------------


@pytest.mark.django_db
def test_open_badge_verifies_with_the_published_key(client, rendered, learner):
    published = client.get("/sertifikat/kunci-publik/").json()
    key = signing.public_key_from_multibase(published["publicKeyMultibase"])
    pem = client.get("/sertifikat/kunci-publik/", {"format": "pem"}).content.decode()
    assert pem == signing.public_key_pem()

    client.force_login(learner)
    response = client.get(f"/sertifikat/{rendered.serial}/open-badge.json")
    assert response.status_code == 200
    credential = json.loads(response.content)

    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"]["verificationMethod"] == published["id"]
    assert "Budi" not in response.content.decode() and learner.registration_number not in response.content.decode()
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["identityHash"] == badges.identity_hash("Budi Santoso Wibowo", identity["salt"])
    assert badges.verify_credential(credential, key)

    tampered = json.loads(response.content)
    tampered["credentialSubject"]["achievement"]["name"] = "Kursus Lain"
    assert not badges.verify_credential(tampered, key)


@pytest.mark.django_db
def test_open_badge_is_only_for_the_holder_and_their_officers(client, rendered, facility):
    assert client.get(f"/sertifikat/{rendered.serial}/open-badge.json").status_code == 404
    client.force_login(LearnerFactory(facility=facility))
    assert client.get(f"/sertifikat/{rendered.serial}/open-badge.json").status_code == 404


def test_contexts_are_never_fetched():
    with pytest.raises(badges.ContextNotAvailable):
        badges.document_loader("https://example.org/context.json")


# --- officers --------------------------------------------------------------------------------


@pytest.fixture
def finished_cohort(facility, course, cohort):
    learners = [LearnerFactory(facility=facility, full_name=f"Peserta {n}") for n in range(3)]
    cohort.learners.add(*learners)
    for learner in learners:
        Enrollment.objects.create(learner=learner, course=course, completed_at="2026-08-01T10:00:00Z")
    return cohort


@pytest.mark.django_db
def test_officer_issues_for_a_cohort_and_watches_progress(
    client, finished_cohort, admin, course, django_capture_on_commit_callbacks
):
    sign_in_officer(client, admin)
    page = client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/")
    assert page.status_code == 200
    assert b"certificate-progress.js" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/", {"course": course.pk})
    assert response.status_code == 302

    status = client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/status.json").json()
    assert status["courses"] == [
        {"course": course.pk, "learners": 3, "completed": 3, "issued": 3, "ready": 3, "pending": 0, "percent": 100}
    ]
    assert status["busy"] is False


@pytest.mark.django_db
def test_cohort_zip_holds_every_ready_certificate(
    client, finished_cohort, admin, course, django_capture_on_commit_callbacks
):
    from certificates.services import certificate_issue_for_cohort

    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue_for_cohort(actor=admin, cohort=finished_cohort, course=course)
    sign_in_officer(client, admin)

    response = client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/unduh.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert len(names) == 3
    assert [name.split("/")[1].split("-peserta")[0] for name in names] == serials
    assert all(archive.read(name).startswith(b"%PDF") for name in names)


@pytest.mark.django_db
def test_other_facility_officers_see_nothing_and_cannot_revoke(client, finished_cohort, rendered, course):
    other_admin = OfficerFactory(facility=FacilityFactory(), role=User.Role.FACILITY_ADMIN)
    sign_in_officer(client, other_admin)

    assert client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/").status_code == 404
    assert client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/unduh.zip").status_code == 404
    assert client.get(f"/sertifikat/{rendered.serial}/unduh/").status_code == 404
    response = client.post(f"/petugas/sertifikat/{rendered.serial}/", {"action": "revoke", "reason": "x"})
    assert response.status_code == 404
    rendered.refresh_from_db()
    assert rendered.revoked_at is None


@pytest.mark.django_db
def test_instructor_cannot_revoke_through_the_page(client, rendered, facility):
    instructor = OfficerFactory(facility=facility, role=User.Role.INSTRUCTOR)
    sign_in_officer(client, instructor)
    response = client.post(f"/petugas/sertifikat/{rendered.serial}/", {"action": "revoke", "reason": "x"})
    assert response.status_code in (403, 404)
    rendered.refresh_from_db()
    assert rendered.revoked_at is None


@pytest.mark.django_db
def test_facility_admin_reissues_through_the_page(client, rendered, admin):
    sign_in_officer(client, admin)
    response = client.post(f"/petugas/sertifikat/{rendered.serial}/", {"action": "reissue", "reason": "Nama salah eja"})
    rendered.refresh_from_db()
    assert rendered.replaced_by is not None
    assert response.status_code == 302 and response.url.endswith(f"/{rendered.replaced_by.serial}/")


@pytest.mark.django_db
def test_administrators_see_counts_per_course_and_facility(client, rendered, admin, facility, course):
    certificate_revoke(actor=admin, certificate=rendered, reason="x")
    certificate_issue(actor=None, learner=LearnerFactory(facility=facility), course=course)
    sign_in_officer(client, admin)

    response = client.get("/petugas/sertifikat/")

    assert response.status_code == 200
    rows = list(response.context["counts"])
    assert len(rows) == 1
    assert (rows[0]["total"], rows[0]["current"], rows[0]["revoked"], rows[0]["pending"]) == (2, 1, 1, 1)


@pytest.mark.django_db
def test_instructors_handle_only_the_cohorts_they_teach(client, finished_cohort, facility, course):
    from tests.factories import InstructorFactory

    teacher = InstructorFactory(facility=facility)
    finished_cohort.instructors.add(teacher)
    other = InstructorFactory(facility=facility)

    sign_in_officer(client, other)
    assert client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/").status_code == 404
    assert client.post(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/", {"course": course.pk}).status_code == 404
    assert finished_cohort.name not in client.get("/petugas/sertifikat/").content.decode()
    assert not Certificate.objects.exists()

    sign_in_officer(client, teacher)
    assert client.get(f"/petugas/sertifikat/kelas/{finished_cohort.pk}/").status_code == 200
