"""Issuing, rendering, revoking and re-issuing certificates, and checking one a visitor holds.

``certificate_issue`` runs in the transaction that completed the course (or in an officer's cohort
batch): it allocates a serial, signs the statement (serial, course, facility, date, name; see
``signing``) and writes the row — the database allows one current certificate per learner and
course — then queues rendering. ``certificate_render`` makes the PDF/A; running it again after
success does nothing. Revoking keeps the row (the public page says "revoked"); re-issuing revokes
it and issues a new serial that replaces it. Every write is audited.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.accounts import permissions
from lms.audit.services import audit_record
from lms.jobs import enqueue_on_commit
from lms.jobs.faults import pause_point

from . import signing
from .models import Certificate, CertificateTemplate, SerialCounter, Signatory
from .pdf import ImageCache, html_to_pdf, stylesheet
from .qr import qr_svg_data_uri
from .wording import long_date, wording


class CertificateError(Exception):
    """A certificate action that cannot be done in the certificate's current state."""


# --- issuing ---------------------------------------------------------------------------------


def _next_serial(facility, year: int) -> str:
    """The facility's next serial for ``year``: one atomic increment, so concurrent issues never share one."""
    table = connection.ops.quote_name(SerialCounter._meta.db_table)
    increment = f"UPDATE {table} SET last = last + 1 WHERE facility_id = %s AND year = %s RETURNING last"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(increment, [facility.pk, year])
        row = cursor.fetchone()
        if row is None:  # the first serial of the year: make the counter, then count on it
            SerialCounter.objects.get_or_create(facility=facility, year=year)
            cursor.execute(increment, [facility.pk, year])
            row = cursor.fetchone()
    return f"{facility.code}-{year}-{row[0]:06d}"


def _create(*, learner, course, facility) -> Certificate:
    today = timezone.localdate()
    serial = _next_serial(facility, today.year)
    certificate = Certificate(
        serial=serial,
        learner=learner,
        course=course,
        facility=facility,
        learner_name=learner.full_name or learner.username,
        course_title=course.title,
        facility_name=facility.name,
        issued_on=today,
    )
    certificate.signature = signing.sign(certificate.statement())
    certificate.verification_code = signing.short_code(certificate.signature)
    certificate.key_id = signing.key_id()
    certificate.save()
    return certificate


def _queue_render(certificate: Certificate) -> None:
    from .tasks import render_certificate

    enqueue_on_commit(render_certificate, certificate.pk)


def certificate_issue(*, actor, learner, course) -> Certificate:
    """The learner's certificate for ``course``: the existing one, or a new one (rendered later).

    ``actor`` is None when the system issues on course completion. An existing certificate, even a
    revoked one, is returned as it is: only ``certificate_reissue`` makes a second.
    """
    facility = learner.facility
    if actor is not None:
        permissions.require(actor, "certificate.issue", facility=facility)
    existing = Certificate.objects.filter(learner=learner, course=course).order_by("revoked_at", "-pk").first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            certificate = _create(learner=learner, course=course, facility=facility)
            audit_record(actor=actor, action="certificate.issue", target=certificate, facility=facility)
    except IntegrityError:  # a concurrent run (retried task, double click) issued it first
        return Certificate.objects.current().get(learner=learner, course=course)
    _queue_render(certificate)
    return certificate


@dataclass
class BatchResult:
    issued: int = 0
    existing: int = 0
    not_completed: int = 0


def certificate_issue_for_cohort(*, actor, cohort, course) -> BatchResult:
    """Issue the certificate of ``course`` to every learner of ``cohort`` who has completed it."""
    from courses.models import Enrollment

    permissions.require(actor, "certificate.issue", facility=cohort.facility)
    if not cohort.courses.filter(pk=course.pk).exists():
        raise PermissionDenied("course not assigned to the cohort")
    result = BatchResult()
    learners = list(cohort.learners.select_related("facility").order_by("pk"))
    completed = set(
        Enrollment.objects.filter(course=course, learner__in=learners, completed_at__isnull=False).values_list(
            "learner_id", flat=True
        )
    )
    have = set(Certificate.objects.filter(course=course, learner__in=learners).values_list("learner_id", flat=True))
    with transaction.atomic():
        for learner in learners:
            if learner.pk not in completed:
                result.not_completed += 1
            elif learner.pk in have:
                result.existing += 1
            else:
                certificate_issue(actor=actor, learner=learner, course=course)
                result.issued += 1
        audit_record(
            actor=actor,
            action="certificate.issue_cohort",
            target=cohort,
            facility=cohort.facility,
            data={"course": course.pk, "issued": result.issued, "existing": result.existing},
        )
    return result


def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Mark ``certificate`` revoked for ``reason``; the public page says so from now on."""
    permissions.require(actor, "certificate.revoke", facility=certificate.facility_id)
    reason = reason.strip()
    if not reason:
        raise CertificateError("a reason is required")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            raise CertificateError("already revoked")
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason
        certificate.revoked_by = actor
        certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        audit_record(
            actor=actor,
            action="certificate.revoke",
            target=certificate,
            facility=certificate.facility_id,
            data={"reason": reason},
        )
    return certificate


def certificate_reissue(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke ``certificate`` (if it is not already) and issue a new serial that replaces it.

    The new certificate states the learner's *current* name, so a re-issue is how a misspelt name
    is corrected; the old serial stays verifiable and shows "replaced by <new serial>".
    """
    permissions.require(actor, "certificate.revoke", facility=certificate.facility_id)
    reason = reason.strip()
    if not reason:
        raise CertificateError("a reason is required")
    with transaction.atomic():
        old = (
            Certificate.objects.select_for_update()
            .select_related("learner", "course", "facility")
            .get(pk=certificate.pk)
        )
        if old.replaced_by_id is not None:
            raise CertificateError("already replaced")
        if old.revoked_at is None:
            old.revoked_at = timezone.now()
            old.revocation_reason = reason
            old.revoked_by = actor
            old.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        new = _create(learner=old.learner, course=old.course.specific, facility=old.facility)
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        audit_record(
            actor=actor,
            action="certificate.reissue",
            target=old,
            facility=old.facility_id,
            data={"reason": reason, "new_serial": new.serial},
        )
        audit_record(
            actor=actor, action="certificate.issue", target=new, facility=new.facility_id, data={"replaces": old.serial}
        )
    _queue_render(new)
    return new


# --- rendering -------------------------------------------------------------------------------


def verification_url(certificate: Certificate, *, with_code: bool = False) -> str:
    url = settings.SITE_URL + reverse("certificate_verify", args=[certificate.serial])
    if with_code and certificate.verification_code:
        url += "?c=" + certificate.verification_code.replace("-", "")
    return url


def _image_url(image) -> str | None:
    """A file:// address WeasyPrint can read without going through the web server."""
    if image is None:
        return None
    try:
        return Path(image.file.path).resolve().as_uri()
    except (NotImplementedError, ValueError, OSError):
        return None


_templates: dict[int, tuple[object, CertificateTemplate]] = {}


def _template_for(certificate: Certificate) -> CertificateTemplate | None:
    """The course's template with its images and signatories, kept per process while it is unchanged.

    A worker renders many certificates of one course in a row; the template (and its signatories,
    saved with it, which bumps ``updated_at``) is loaded once and reused until it is edited. The
    caller may annotate ``template_id``/``template_updated_at`` on the certificate (as
    ``certificate_render`` does) to spare the look-up query.
    """
    if not certificate.course_id:
        return None
    if hasattr(certificate, "template_updated_at"):
        template_id, updated_at = certificate.template_id, certificate.template_updated_at
    else:
        found = CertificateTemplate.objects.filter(courses=certificate.course_id).values_list("pk", "updated_at")
        template_id, updated_at = found.first() or (None, None)
    if template_id is None:
        return None
    cached = _templates.get(template_id)
    if cached is not None and cached[0] == updated_at:
        return cached[1]
    template = (
        CertificateTemplate.objects.select_related("logo", "background_image")
        .prefetch_related(Prefetch("signatories", queryset=Signatory.objects.select_related("signature_image")))
        .filter(pk=template_id)
        .first()
    )
    if template is not None:
        _templates[template_id] = (template.updated_at, template)
    return template


def certificate_html(
    certificate: Certificate, *, template: CertificateTemplate | None = None, inline_css: bool = True
) -> str:
    """The certificate as one HTML document, its stylesheet inlined (the preview, any renderer).

    With ``inline_css=False`` the ``<style>`` is left out: ``certificate_render`` passes the same
    stylesheet to WeasyPrint already parsed (:func:`certificate_stylesheet`).
    """
    if template is None:
        template = _template_for(certificate)
    language = template.language if template else "id"
    layout = template.layout if template else CertificateTemplate.Layout.CLASSIC
    w = wording(language)
    signatories = []
    if template is not None:
        for s in template.signatories.all():
            signatories.append(
                {"name": s.name, "position": s.position, "nip": s.nip, "signature_url": _image_url(s.signature_image)}
            )
    return render_to_string(
        "certificates/pdf.html",
        {
            "certificate": certificate,
            "language": language,
            "layout": layout,
            "w": w,
            "heading": (template.heading if template and template.heading else w["heading"]),
            "body": (template.body if template and template.body else w["body"]),
            "place_date": w["place_date"].format(
                place=certificate.facility_name, date=long_date(certificate.issued_on, language)
            ),
            "signatories": signatories,
            "background_url": _image_url(template.background_image) if template else None,
            "logo_url": _image_url(template.logo) if template else None,
            "verify_url": verification_url(certificate),
            "qr": qr_svg_data_uri(verification_url(certificate, with_code=True)),
            "issuer": settings.CERTIFICATE_ISSUER_NAME,
            "inline_css": inline_css,
        },
    )


def certificate_stylesheet():
    """The certificate's stylesheet (``certificates/pdf.css``), parsed once per process."""
    return stylesheet(render_to_string("certificates/pdf.css"))


# The logo, background and signature images of the templates this process renders, decoded once.
_image_cache = ImageCache()


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF/A: the HTML of :func:`certificate_html`, with the stylesheet and images
    this process has already prepared (the same document as rendering the standalone HTML)."""
    return html_to_pdf(
        certificate_html(certificate, inline_css=False),
        stylesheets=[certificate_stylesheet()],
        image_cache=_image_cache,
    )


def certificate_sample_html(*, template: CertificateTemplate) -> str:
    """The certificate ``template`` makes, with sample data (the admin's live preview)."""
    sample = Certificate(
        serial="KLD-2026-000123",
        learner_name="Budi Santoso",
        course_title="Literasi Digital: Berjualan di Toko Online",
        facility_name="Lapas Kelas IIA Kalianda",
        issued_on=date(2026, 8, 17),
    )
    sample.signature = signing.sign(sample.statement())
    sample.verification_code = signing.short_code(sample.signature)
    sample.key_id = signing.key_id()
    return certificate_html(sample, template=template)


def _relaxed_commit() -> None:
    """Let PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk.

    Only for the render's write: if the server crashed in that instant, the row would still say
    "pending" and the sweeper (``tasks.resume_stalled_renders``) renders it again, so nothing is lost
    but a few milliseconds of waiting on every certificate.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def certificate_render(*, certificate_id: int) -> Certificate:
    certificate = Certificate.objects.annotate(
        template_id=F("course__certificate_template_id"),
        template_updated_at=F("course__certificate_template__updated_at"),
    ).get(pk=certificate_id)
    if certificate.status == Certificate.Status.READY and certificate.pdf:
        return certificate
    pdf_bytes = certificate_pdf(certificate)  # slow: done outside any transaction
    storage = Certificate._meta.get_field("pdf").storage
    name = storage.save(f"certificates/{certificate.serial}.pdf", ContentFile(pdf_bytes))
    pause_point("certificate.render")  # fault drills: the worker is killed with the file written, the row not
    fields = {
        "pdf": name,
        "pdf_sha256": hashlib.sha256(pdf_bytes).hexdigest(),
        "status": Certificate.Status.READY,
        "rendered_at": timezone.now(),
    }
    with transaction.atomic():
        _relaxed_commit()
        # Only a certificate still without its PDF takes the file: a concurrent or earlier run that
        # finished first keeps its own, and ours is removed.
        waiting = Certificate.objects.filter(pk=certificate_id).exclude(status=Certificate.Status.READY, pdf__gt="")
        done = waiting.update(**fields)
        if done:
            audit_record(actor=None, action="certificate.render", target=certificate, facility=certificate.facility_id)
    if not done:
        storage.delete(name)
        return Certificate.objects.get(pk=certificate_id)
    old_name = certificate.pdf.name
    for field, value in fields.items():
        setattr(certificate, field, value)
    if old_name and old_name != name:
        storage.delete(old_name)  # the file of an earlier render that did not finish
    return certificate


# --- verification ----------------------------------------------------------------------------


def certificate_signature_ok(certificate: Certificate) -> bool:
    """Does the stored signature still cover what the row states (nothing altered since signing)?"""
    if not certificate.signature:
        return False
    return signing.signature_is_valid(
        certificate.statement(), certificate.signature
    ) and certificate.verification_code == signing.short_code(certificate.signature)


def certificate_code_matches(certificate: Certificate, code: str) -> bool:
    """Is ``code`` (as a visitor typed it) the short code of this certificate's valid signature?"""
    return certificate_signature_ok(certificate) and signing.normalise_code(code) == certificate.verification_code


class UploadCheck:
    ORIGINAL = "original"  # byte for byte the file this site issued
    MATCHES = "matches"  # not the same file, but it carries this certificate's valid signature and details
    MISMATCH = "mismatch"  # another certificate, or altered


class InvalidUpload(Exception):
    pass


_SERIAL_RE = re.compile(r"[A-Z0-9]{2,8}-\d{4}-\d{6}")
_SIGNATURE_RE = re.compile(r"signature=([A-Za-z0-9_-]{80,90})")


def certificate_check_upload(certificate: Certificate, data: bytes) -> str:
    """Compare an uploaded PDF with ``certificate``; raises ``InvalidUpload`` for anything not a PDF."""
    if not data.startswith(b"%PDF-"):
        raise InvalidUpload("not a PDF")
    if certificate.pdf_sha256 and hashlib.sha256(data).hexdigest() == certificate.pdf_sha256:
        return UploadCheck.ORIGINAL
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = " ".join((page.extract_text() or "") for page in reader.pages[:2])
        keywords = str((reader.metadata or {}).get("/Keywords", ""))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InvalidUpload("unreadable PDF") from exc
    flat = " ".join(text.split())
    serials = set(_SERIAL_RE.findall(flat)) | set(_SERIAL_RE.findall(keywords))
    found = _SIGNATURE_RE.search(keywords)
    if serials != {certificate.serial} or not found or found.group(1) != certificate.signature:
        return UploadCheck.MISMATCH
    if not certificate_signature_ok(certificate):
        return UploadCheck.MISMATCH
    stated = [certificate.learner_name, certificate.course_title, certificate.verification_code]
    if not all(" ".join(item.split()) in flat for item in stated):
        return UploadCheck.MISMATCH
    return UploadCheck.MATCHES
