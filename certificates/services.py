"""Issuing and rendering certificates.

``certificate_issue`` runs in the transaction that completed the course: it allocates a serial
and writes the row (the database allows one per learner and course), then queues rendering.
``certificate_render`` makes the PDF; running it again after success does nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit

from .models import Certificate, SerialCounter
from .pdf import html_to_pdf
from .qr import qr_svg_data_uri
from .signing import verification_code


def _next_serial(facility, year: int) -> str:
    counter, _ = SerialCounter.objects.get_or_create(facility=facility, year=year)
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{facility.code}-{year}-{counter.last:06d}"


def certificate_issue(*, actor, learner, course) -> Certificate:
    existing = Certificate.objects.filter(learner=learner, course=course).first()
    if existing is not None:
        return existing
    facility = learner.facility
    today = timezone.localdate()
    try:
        with transaction.atomic():
            serial = _next_serial(facility, today.year)
            name = learner.full_name or learner.username
            certificate = Certificate.objects.create(
                serial=serial,
                learner=learner,
                course=course,
                facility=facility,
                learner_name=name,
                course_title=course.title,
                facility_name=facility.name,
                issued_on=today,
                verification_code=verification_code(
                    serial=serial, course=course.title, facility=facility.name, issued_on=today.isoformat(), name=name
                ),
            )
            audit_record(actor=actor, action="certificate.issue", target=certificate, facility=facility)
    except IntegrityError:
        return Certificate.objects.get(learner=learner, course=course)

    from .tasks import render_certificate

    enqueue_on_commit(render_certificate, certificate.pk)
    return certificate


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("certificate_verify", args=[certificate.serial])


def certificate_html(certificate: Certificate) -> str:
    with translation.override("id"):
        return render_to_string(
            "certificates/pdf.html",
            {
                "certificate": certificate,
                "verify_url": verification_url(certificate),
                "qr": qr_svg_data_uri(verification_url(certificate)),
                "issuer": settings.CERTIFICATE_ISSUER_NAME,
            },
        )


def certificate_render(*, certificate_id: int) -> Certificate:
    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.status == Certificate.Status.READY and certificate.pdf:
        return certificate
    pdf_bytes = html_to_pdf(certificate_html(certificate))  # slow: done outside any transaction
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
        if certificate.status == Certificate.Status.READY and certificate.pdf:
            return certificate
        old_name = certificate.pdf.name
        certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(pdf_bytes), save=False)
        certificate.status = Certificate.Status.READY
        certificate.rendered_at = timezone.now()
        certificate.save(update_fields=["pdf", "status", "rendered_at"])
        audit_record(actor=None, action="certificate.render", target=certificate, facility=certificate.facility_id)
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return certificate
