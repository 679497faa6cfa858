import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.pdf import html_to_pdf
from certificates.services import certificate_issue, certificate_render
from certificates.signing import verification_code
from lms.audit.models import AuditEvent
from tests.factories import AdminFactory, FacilityFactory, LearnerFactory, OfficerFactory

SERIAL_RE = re.compile(r"^[A-Z0-9]+-\d{4}-\d{6}$")


@pytest.fixture
def rendered(learner, course):
    certificate = certificate_issue(actor=None, learner=learner, course=course)
    return certificate_render(certificate_id=certificate.pk)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def private_files(settings) -> dict[str, bytes]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_html_to_pdf_returns_pdf_bytes():
    data = html_to_pdf("<h1>Sertifikat</h1><p>Halo</p>")

    assert data.startswith(b"%PDF")
    assert "Sertifikat" in pdf_text(data)


@pytest.mark.django_db
def test_rendered_certificate_states_name_course_and_serial(rendered, settings):
    assert rendered.status == Certificate.Status.READY
    assert rendered.rendered_at is not None
    data = rendered.pdf.read()
    assert data.startswith(b"%PDF")
    assert Path(rendered.pdf.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    text = pdf_text(data)
    assert "Budi Santoso Wibowo" in text
    assert "Menjahit Dasar" in text
    assert rendered.serial in text
    assert rendered.verification_code in text


@pytest.mark.django_db
def test_serial_format_and_numbering_per_facility(facility, course):
    year = timezone.localdate().year
    first = certificate_issue(actor=None, learner=LearnerFactory(facility=facility), course=course)
    second = certificate_issue(actor=None, learner=LearnerFactory(facility=facility), course=course)
    elsewhere = certificate_issue(
        actor=None, learner=LearnerFactory(facility=FacilityFactory(code="TGR")), course=course
    )

    for certificate in (first, second, elsewhere):
        assert SERIAL_RE.match(certificate.serial), certificate.serial
    assert first.serial == f"KLD-{year}-000001"
    assert second.serial == f"KLD-{year}-000002"
    assert elsewhere.serial == f"TGR-{year}-000001"


@pytest.mark.django_db
def test_issuing_twice_returns_the_same_certificate(learner, course):
    first = certificate_issue(actor=None, learner=learner, course=course)
    second = certificate_issue(actor=None, learner=learner, course=course)

    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_issue_queues_rendering_after_commit(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        certificate = certificate_issue(actor=None, learner=learner, course=course)

    assert len(callbacks) == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    assert certificate.pdf.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_rendering_twice_changes_nothing(rendered, settings):
    files = private_files(settings)
    audit_count = AuditEvent.objects.count()

    again = certificate_render(certificate_id=rendered.pk)

    assert again.pdf.name == rendered.pdf.name
    assert again.rendered_at == rendered.rendered_at
    assert private_files(settings) == files
    assert len(files) == 1
    assert AuditEvent.objects.count() == audit_count
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_verification_page_shows_status_and_initials_only(client, rendered, learner):
    response = client.get(f"/sertifikat/{rendered.serial}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert rendered.serial in html
    assert "verdict-ok" in html
    assert "B.S.W." in html
    assert "Menjahit Dasar" in html
    assert learner.full_name not in html
    assert "Santoso" not in html
    assert learner.registration_number not in html
    assert rendered.verification_code not in html  # the visitor must bring the printed code


@pytest.mark.django_db
def test_verification_page_shows_revocation(client, rendered):
    rendered.revoked_at = timezone.now()
    rendered.save(update_fields=["revoked_at"])

    html = client.get(f"/sertifikat/{rendered.serial}/").content.decode()

    assert "verdict-bad" in html
    assert "verdict-ok" not in html


@pytest.mark.django_db
def test_verification_page_accepts_a_lower_case_serial(client, rendered):
    assert client.get(f"/sertifikat/{rendered.serial.lower()}/").status_code == 200


@pytest.mark.django_db
def test_unknown_serial_is_404(client, rendered):
    assert client.get("/sertifikat/KLD-2000-999999/").status_code == 404


@pytest.mark.django_db
def test_lookup_form_redirects_to_the_verification_page(client, rendered):
    response = client.get("/sertifikat/", {"serial": f"  {rendered.serial.lower()} "})

    assert response.status_code == 302
    assert response.url == f"/sertifikat/{rendered.serial}/"


@pytest.mark.django_db
def test_verification_code_matches(client, rendered):
    code = rendered.verification_code

    exact = client.post(f"/sertifikat/{rendered.serial}/", {"code": code})
    typed_loosely = client.post(f"/sertifikat/{rendered.serial}/", {"code": code.replace("-", " ").lower()})

    assert exact.status_code == 200
    assert exact.context["code_matches"] is True
    assert typed_loosely.context["code_matches"] is True


@pytest.mark.django_db
def test_wrong_verification_code_does_not_match(client, rendered):
    wrong = "AAAA-BBBB-CCCC" if rendered.verification_code != "AAAA-BBBB-CCCC" else "BBBB-CCCC-DDDD"

    response = client.post(f"/sertifikat/{rendered.serial}/", {"code": wrong})

    assert response.status_code == 200
    assert response.context["code_matches"] is False
    assert "verdict-bad" in response.content.decode()


@pytest.mark.django_db
def test_verification_code_changes_with_what_the_certificate_states(learner, course):
    certificate = certificate_issue(actor=None, learner=learner, course=course)

    stated = {
        "serial": certificate.serial,
        "course": certificate.course_title,
        "facility": certificate.facility_name,
        "issued_on": certificate.issued_on.isoformat(),
        "name": certificate.learner_name,
    }
    assert verification_code(**stated) == certificate.verification_code
    assert verification_code(**{**stated, "name": "Budi Santoso Wibawa"}) != certificate.verification_code


def download(client, certificate):
    return client.get(f"/sertifikat/{certificate.serial}/unduh/")


@pytest.mark.django_db
def test_owner_downloads_the_pdf(client, rendered, learner):
    client.force_login(learner)

    response = download(client, rendered)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert rendered.serial in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_other_learner_and_anonymous_cannot_download(client, rendered, facility):
    assert download(client, rendered).status_code == 404

    client.force_login(LearnerFactory(facility=facility))
    assert download(client, rendered).status_code == 404


@pytest.mark.django_db
def test_officer_of_the_same_facility_downloads_other_facility_does_not(client, rendered, facility):
    client.force_login(AdminFactory(facility=facility))  # instructors: only their cohorts' learners
    assert download(client, rendered).status_code == 200

    client.force_login(OfficerFactory(facility=FacilityFactory(region=facility.region)))
    assert download(client, rendered).status_code == 404


@pytest.mark.django_db
def test_unrendered_certificate_is_not_downloadable_yet(client, learner, course):
    certificate = certificate_issue(actor=None, learner=learner, course=course)
    client.force_login(learner)

    assert download(client, certificate).status_code == 404
