"""Issuing (automatic and by cohort), rendering to PDF/A, the task's idempotence, revoking, re-issuing."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from certificates import signing
from certificates.models import Certificate, CertificateTemplate, Signatory
from certificates.pdf import html_to_pdf
from certificates.services import (
    CertificateError,
    certificate_html,
    certificate_issue,
    certificate_issue_for_cohort,
    certificate_pdf,
    certificate_reissue,
    certificate_render,
    certificate_revoke,
    certificate_sample_html,
    certificate_signature_ok,
)
from certificates.tasks import render_certificate
from courses.models import Enrollment
from courses.selectors import course_lessons
from courses.services import lesson_complete
from lms.accounts.models import User
from lms.audit.models import AuditEvent
from tests.factories import FacilityFactory, LearnerFactory, OfficerFactory, enrol


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def complete(learner, course):
    enrollment = Enrollment.objects.get_or_create(learner=learner, course=course)[0]
    for lesson in course_lessons(course):
        lesson_complete(learner=learner, lesson=lesson)
    return enrollment


@pytest.mark.django_db
def test_completing_the_course_issues_and_renders_a_signed_pdfa(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, course)

    certificate = Certificate.objects.get(learner=learner, course=course)
    assert certificate.status == Certificate.Status.READY
    assert certificate_signature_ok(certificate)
    assert certificate.verification_code == signing.short_code(certificate.signature)
    data = certificate.pdf.read()
    reader = PdfReader(io.BytesIO(data))
    assert b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_data()  # PDF/A identification (XMP)
    text = pdf_text(data)
    assert "Budi Santoso Wibowo" in text
    assert "Menjahit Dasar" in text
    assert certificate.serial in text
    assert certificate.verification_code in text
    assert certificate.signature in reader.metadata["/Keywords"]


@pytest.mark.django_db
def test_the_render_task_run_twice_gives_one_certificate_and_one_file(learner, course, settings):
    certificate = certificate_issue(actor=None, learner=learner, course=course)

    render_certificate.delay(certificate.pk)
    render_certificate.delay(certificate.pk)
    again = certificate_issue(actor=None, learner=learner, course=course)

    assert again.pk == certificate.pk
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="certificate.render").count() == 1
    assert len(list((settings.PRIVATE_MEDIA_ROOT / "certificates").iterdir())) == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_current_certificate(learner, course):
    first = certificate_issue(actor=None, learner=learner, course=course)
    duplicate = Certificate(
        serial="KLD-2026-999999",
        learner=learner,
        course=course,
        facility=first.facility,
        learner_name="x",
        course_title="x",
        facility_name="x",
        issued_on=first.issued_on,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db
def test_template_layout_language_and_signatories_reach_the_pdf(learner, course):
    template = CertificateTemplate.objects.create(name="Resmi", layout="modern", language="en", heading="AWARD")
    Signatory.objects.create(template=template, name="Drs. Ahmad Yani", position="Head of Prison", nip="19700101")
    course.certificate_template = template
    course.save()
    certificate = certificate_issue(actor=None, learner=learner, course=course)

    text = pdf_text(html_to_pdf(certificate_html(certificate)))

    assert "AWARD" in text
    assert "has successfully completed the course" in text
    assert "Drs. Ahmad Yani" in text and "Head of Prison" in text and "NIP 19700101" in text


@pytest.mark.django_db
def test_sample_preview_renders_without_saving_anything():
    html = certificate_sample_html(template=CertificateTemplate(name="Baru"))
    assert "Budi Santoso" in html and "KLD-2026-000123" in html
    assert Certificate.objects.count() == 0


@pytest.mark.django_db
def test_cohort_batch_issues_only_to_learners_who_finished(
    facility, course, cohort, admin, django_capture_on_commit_callbacks
):
    done = [LearnerFactory(facility=facility) for _ in range(3)]
    waiting = LearnerFactory(facility=facility)
    cohort.learners.add(*done, waiting)
    for learner in done:
        enrol(learner, course)
        Enrollment.objects.filter(learner=learner, course=course).update(completed_at="2026-08-01T10:00:00Z")
    enrol(waiting, course)
    certificate_issue(actor=None, learner=done[0], course=course)

    with django_capture_on_commit_callbacks(execute=True):
        result = certificate_issue_for_cohort(actor=admin, cohort=cohort, course=course)
    again = certificate_issue_for_cohort(actor=admin, cohort=cohort, course=course)

    assert (result.issued, result.existing, result.not_completed) == (2, 1, 1)
    assert (again.issued, again.existing) == (0, 3)
    assert Certificate.objects.filter(course=course).count() == 3
    assert not Certificate.objects.filter(learner=waiting).exists()
    assert Certificate.objects.filter(status=Certificate.Status.READY).count() == 2  # the batch's renders ran


@pytest.mark.django_db
def test_cohort_batch_refused_to_another_facility_and_to_learners(cohort, course, facility):
    other_admin = OfficerFactory(facility=FacilityFactory(), role=User.Role.FACILITY_ADMIN)
    with pytest.raises(PermissionDenied):
        certificate_issue_for_cohort(actor=other_admin, cohort=cohort, course=course)
    with pytest.raises(PermissionDenied):
        certificate_issue_for_cohort(actor=LearnerFactory(facility=facility), cohort=cohort, course=course)


@pytest.mark.django_db
def test_revoke_is_audited_and_only_once(learner, course, admin):
    certificate = certificate_issue(actor=None, learner=learner, course=course)

    certificate_revoke(actor=admin, certificate=certificate, reason="Diterbitkan keliru")

    certificate.refresh_from_db()
    assert certificate.revoked_at and certificate.revoked_by == admin
    assert AuditEvent.objects.filter(action="certificate.revoke", target_id=str(certificate.pk)).count() == 1
    with pytest.raises(CertificateError):
        certificate_revoke(actor=admin, certificate=certificate, reason="lagi")
    # a revoked certificate is not silently issued again
    assert certificate_issue(actor=None, learner=learner, course=course).pk == certificate.pk


@pytest.mark.django_db
def test_reissue_replaces_with_a_new_serial_and_the_corrected_name(learner, course, admin):
    old = certificate_issue(actor=None, learner=learner, course=course)
    User.objects.filter(pk=learner.pk).update(full_name="Budi Santoso Wibawa")
    learner.refresh_from_db()

    new = certificate_reissue(actor=admin, certificate=old, reason="Nama salah eja")

    old.refresh_from_db()
    assert new.serial != old.serial
    assert old.replaced_by == new and old.revoked_at is not None
    assert new.learner_name == "Budi Santoso Wibawa" and certificate_signature_ok(new)
    assert AuditEvent.objects.filter(action="certificate.reissue", data__new_serial=new.serial).exists()
    with pytest.raises(CertificateError):
        certificate_reissue(actor=admin, certificate=old, reason="lagi")


@pytest.mark.django_db
def test_instructors_and_other_facilities_cannot_revoke(learner, course, facility):
    certificate = certificate_issue(actor=None, learner=learner, course=course)
    instructor = OfficerFactory(facility=facility, role=User.Role.INSTRUCTOR)
    other_admin = OfficerFactory(facility=FacilityFactory(), role=User.Role.FACILITY_ADMIN)
    for actor in (instructor, other_admin, learner):
        with pytest.raises(PermissionDenied):
            certificate_revoke(actor=actor, certificate=certificate, reason="x")
        with pytest.raises(PermissionDenied):
            certificate_reissue(actor=actor, certificate=certificate, reason="x")


@pytest.mark.django_db
def test_an_altered_row_no_longer_matches_its_signature(learner, course):
    certificate = certificate_render(certificate_id=certificate_issue(actor=None, learner=learner, course=course).pk)
    Certificate.objects.filter(pk=certificate.pk).update(learner_name="Orang Lain")
    certificate.refresh_from_db()
    assert not certificate_signature_ok(certificate)


@pytest.mark.django_db
def test_template_live_preview_and_snippet_admin(client, rf):
    from django.contrib.auth.models import AnonymousUser

    template = CertificateTemplate(name="Pratinjau", layout="classic", language="id")
    request = rf.get("/")
    request.user = AnonymousUser()
    response = template.serve_preview(request, template.default_preview_mode)
    html = response.render().content.decode()
    assert "SERTIFIKAT" in html and "Budi Santoso" in html

    admin = User.objects.create_superuser(
        username="root", email="root@bekal.test", password="x" * 12, role=User.Role.REGIONAL_ADMIN
    )
    client.force_login(admin)
    assert client.get("/cms/snippets/certificates/certificatetemplate/add/").status_code == 200


@pytest.mark.django_db
def test_a_render_that_loses_the_race_keeps_the_winners_file_and_removes_its_own(learner, course, monkeypatch):
    from certificates import services

    certificate = certificate_issue(actor=None, learner=learner, course=course)
    real_render = services.html_to_pdf

    def render_while_another_worker_finishes(html, **options):
        data = real_render(html, **options)
        winner = Certificate.objects.get(pk=certificate.pk)
        winner.pdf.save(f"{winner.serial}-winner.pdf", io.BytesIO(b"%PDF-1.7 winner"), save=False)
        Certificate.objects.filter(pk=certificate.pk).update(pdf=winner.pdf.name, status=Certificate.Status.READY)
        return data

    monkeypatch.setattr(services, "html_to_pdf", render_while_another_worker_finishes)
    result = certificate_render(certificate_id=certificate.pk)

    assert result.pdf.name.endswith("-winner.pdf")
    storage = result.pdf.storage
    assert storage.listdir("certificates")[1] == [result.pdf.name.split("/")[-1]]
    assert not AuditEvent.objects.filter(action="certificate.render").exists()


@pytest.mark.django_db
def test_an_edited_template_is_used_by_the_next_render(learner, course):
    template = CertificateTemplate.objects.create(name="Resmi", layout="classic", language="id", heading="PIAGAM LAMA")
    course.certificate_template = template
    course.save()
    first = certificate_render(certificate_id=certificate_issue(actor=None, learner=learner, course=course).pk)
    assert "PIAGAM LAMA" in pdf_text(first.pdf.read())

    template.heading = "PIAGAM BARU"
    template.save()
    other = LearnerFactory(facility=learner.facility, full_name="Siti Aminah")
    second = certificate_render(certificate_id=certificate_issue(actor=None, learner=other, course=course).pk)
    assert "PIAGAM BARU" in pdf_text(second.pdf.read())


def _demo_image(title, data, name):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    return get_image_model().objects.create(title=title, file=ContentFile(data, name=name))


@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["classic", "modern"])
def test_the_service_pdf_is_the_standalone_html_rendered_with_its_inline_stylesheet(learner, course, layout):
    """The renderer's pre-parsed stylesheet and kept images change nothing on the page."""
    from lms.home import demo_images

    template = CertificateTemplate.objects.create(
        name=f"Resmi {layout}", layout=layout, logo=_demo_image("Logo", demo_images.facility_logo(), "logo.png")
    )
    Signatory.objects.create(
        template=template,
        name="Drs. Ahmad Yani",
        position="Kepala Lapas",
        signature_image=_demo_image("TTD", demo_images.signature(1), "ttd.png"),
    )
    course.certificate_template = template
    course.save()
    certificate = certificate_render(certificate_id=certificate_issue(actor=None, learner=learner, course=course).pk)
    again = certificate_pdf(certificate)  # a second render, with the images already kept

    standalone = certificate_html(certificate)
    assert "<style>" in standalone and "<style>" not in certificate_html(certificate, inline_css=False)
    for data in (certificate.pdf.read(), again):
        ours, bare = PdfReader(io.BytesIO(data)).pages[0], PdfReader(io.BytesIO(html_to_pdf(standalone))).pages[0]
        assert ours.get_contents().get_data() == bare.get_contents().get_data()  # same drawing, glyph for glyph
        assert ours.mediabox == bare.mediabox and len(ours.images) == len(bare.images) == 2  # logo, signature
        assert pdf_text(data) == pdf_text(html_to_pdf(standalone))


def test_the_kept_image_cache_drops_qr_data_and_empties_itself_between_renders():
    from certificates.pdf import ImageCache

    cache = ImageCache(limit=3)
    cache["data:image/svg+xml;base64,AAAA"] = object()
    assert len(cache) == 0
    for n in range(3):
        cache[f"file:///logo-{n}.png"] = object()
    assert len(cache) == 3
    cache.trim()
    assert len(cache) == 0
