"""Public verification, downloads for the holder and officers, and the officers' certificate desk."""

import json
import tempfile
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from lms.accounts import permissions
from lms.accounts.decorators import officer_required

from . import badges, selectors, services, signing
from .forms import CodeForm, LookupForm, RevokeForm, UploadForm
from .models import Certificate

# --- public ----------------------------------------------------------------------------------


def certificate_lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        return redirect("certificate_verify", serial=form.cleaned_data["serial"].strip().upper())
    return render(request, "certificates/lookup.html", {"form": form})


def certificate_verify(request, serial: str):
    certificate = get_object_or_404(
        Certificate.objects.select_related("facility", "replaced_by"), serial=serial.strip().upper()
    )
    code_form, upload_form = CodeForm(), UploadForm()
    code_matches = upload_result = None
    if request.method == "POST" and (request.POST.get("check") == "pdf" or "pdf" in request.FILES):
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                upload_result = services.certificate_check_upload(certificate, upload_form.cleaned_data["pdf"].read())
            except services.InvalidUpload:
                upload_form.add_error("pdf", _("This file could not be read as a PDF."))
    elif request.method == "POST":
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            code_matches = services.certificate_code_matches(certificate, code_form.cleaned_data["code"])
    elif request.GET.get("c"):  # the QR code carries the short code
        code_matches = services.certificate_code_matches(certificate, request.GET["c"][:20])
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "signature_ok": services.certificate_signature_ok(certificate),
            "code_form": code_form,
            "code_matches": code_matches,
            "upload_form": upload_form,
            "upload_result": upload_result,
        },
    )


@cache_control(public=True, max_age=3600)
def public_key(request):
    """The deployment's public key, for anyone checking a signature or an Open Badges credential."""
    if request.GET.get("format") == "pem":
        return HttpResponse(signing.public_key_pem(), content_type="application/x-pem-file")
    multibase = signing.public_key_multibase()
    return JsonResponse(
        {
            "@context": ["https://w3id.org/security/multikey/v1"],
            "id": signing.verification_method(),
            "type": "Multikey",
            "controller": signing.did_key(),
            "publicKeyMultibase": multibase,
            "publicKeyJwk": signing.public_key_jwk(),
            "publicKeyPem": signing.public_key_pem(),
            "keyId": signing.key_id(),
            "algorithm": "Ed25519",
            "signedMessage": "UTF-8 of NFC strings joined by U+001F: "
            f"{signing.MESSAGE_VERSION}, serial, course, facility, issue date (YYYY-MM-DD), name",
            "shortCode": "first 12 characters of the RFC 4648 base32 encoding of the 64-byte signature",
        },
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )


# --- holder and officers ---------------------------------------------------------------------


def _visible_certificate(request, serial: str) -> Certificate:
    return get_object_or_404(selectors.certificates_visible_to(request.user), serial=serial.strip().upper())


@never_cache
def certificate_download(request, serial: str):
    certificate = _visible_certificate(request, serial)
    if not certificate.pdf:
        raise Http404("not rendered yet")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"sertifikat-{certificate.serial}.pdf",
        content_type="application/pdf",
    )


@never_cache
def certificate_badge(request, serial: str):
    """The Open Badges 3.0 credential (signed JSON) offered next to the PDF."""
    certificate = _visible_certificate(request, serial)
    body = json.dumps(badges.certificate_credential(certificate), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="open-badge-{certificate.serial}.json"'
    return response


@officer_required
def officer_certificates(request):
    """Certificates per course and facility, and the cohorts whose certificates the officer handles."""
    return render(
        request,
        "certificates/officer_home.html",
        {
            "counts": selectors.certificate_counts(request.user)
            if permissions.can(request.user, "certificate.report")
            else None,
            "cohorts": selectors.cohorts_visible_to(request.user),
        },
    )


def _cohort(request, cohort_id: int):
    return get_object_or_404(selectors.cohorts_visible_to(request.user), pk=cohort_id)


@officer_required
def cohort_certificates(request, cohort_id: int):
    cohort = _cohort(request, cohort_id)
    if request.method == "POST":
        course = get_object_or_404(cohort.courses.all(), pk=request.POST.get("course"))
        try:
            result = services.certificate_issue_for_cohort(actor=request.user, cohort=cohort, course=course)
        except PermissionDenied:
            messages.error(request, _("You may not issue certificates for this cohort."))
        else:
            messages.success(
                request,
                _(
                    "%(issued)s new certificates issued, %(existing)s already had one, "
                    "%(waiting)s have not finished yet."
                )
                % {"issued": result.issued, "existing": result.existing, "waiting": result.not_completed},
            )
        return redirect("cohort_certificates", cohort_id=cohort.pk)
    progress = selectors.cohort_certificate_progress(cohort=cohort)
    return render(
        request,
        "certificates/cohort.html",
        {
            "cohort": cohort,
            "progress": progress,
            "busy": any(row.pending for row in progress),
            "can_issue": permissions.can(request.user, "certificate.issue", facility=cohort.facility_id),
            "certificates": selectors.cohort_certificates(user=request.user, cohort=cohort),
        },
    )


@never_cache
@officer_required
def cohort_certificates_status(request, cohort_id: int):
    cohort = _cohort(request, cohort_id)
    rows = [row.as_json() for row in selectors.cohort_certificate_progress(cohort=cohort)]
    return JsonResponse({"cohort": cohort.pk, "courses": rows, "busy": any(r["pending"] for r in rows)})


@never_cache
@officer_required
def cohort_certificates_zip(request, cohort_id: int):
    cohort = _cohort(request, cohort_id)
    permissions.require(request.user, "certificate.download", facility=cohort.facility_id)
    course = None
    if request.GET.get("course"):
        course = get_object_or_404(cohort.courses.all(), pk=request.GET["course"])
    certificates = list(selectors.cohort_certificates(user=request.user, cohort=cohort, course=course))
    if not certificates:
        messages.error(request, _("No certificates are ready to download yet."))
        return redirect("cohort_certificates", cohort_id=cohort.pk)
    spool = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115  (handed to the response)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for certificate in certificates:
            folder = slugify(certificate.course_title)[:60] or "kursus"
            name = slugify(certificate.learner_name)[:60] or "peserta"
            with certificate.pdf.open("rb") as handle:
                archive.writestr(f"{folder}/{certificate.serial}-{name}.pdf", handle.read())
    spool.seek(0)
    filename = f"sertifikat-{cohort.facility.code}-{slugify(cohort.name) or cohort.pk}.zip"
    return FileResponse(spool, as_attachment=True, filename=filename, content_type="application/zip")


@officer_required
def officer_certificate(request, serial: str):
    """One certificate for an officer: its state, downloads, and revoke / re-issue for administrators."""
    certificate = _visible_certificate(request, serial)
    can_revoke = permissions.can(request.user, "certificate.revoke", facility=certificate.facility_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if not can_revoke:
            raise PermissionDenied("certificate.revoke")
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if form.cleaned_data["action"] == RevokeForm.Action.REISSUE:
                    new = services.certificate_reissue(actor=request.user, certificate=certificate, reason=reason)
                    messages.success(
                        request, _("Certificate %(old)s was replaced by %(new)s.") % {"old": serial, "new": new.serial}
                    )
                    return redirect("officer_certificate", serial=new.serial)
                services.certificate_revoke(actor=request.user, certificate=certificate, reason=reason)
                messages.success(request, _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial})
            except services.CertificateError:
                messages.error(request, _("This certificate has already been revoked or replaced."))
            return redirect("officer_certificate", serial=certificate.serial)
    return render(
        request,
        "certificates/officer_certificate.html",
        {"certificate": certificate, "form": form, "can_revoke": can_revoke},
    )
