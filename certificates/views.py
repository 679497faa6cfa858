from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .models import Certificate
from .signing import normalise_code


class LookupForm(forms.Form):
    serial = forms.CharField(label=_("Certificate serial number"), max_length=32)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code printed on the certificate"), max_length=20)


def certificate_lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        return redirect("certificate_verify", serial=form.cleaned_data["serial"].strip().upper())
    return render(request, "certificates/lookup.html", {"form": form})


def certificate_verify(request, serial: str):
    certificate = get_object_or_404(Certificate.objects.select_related("facility"), serial=serial.upper())
    code_form = CodeForm(request.POST or None)
    code_matches = None
    if request.method == "POST" and code_form.is_valid():
        code_matches = normalise_code(code_form.cleaned_data["code"]) == certificate.verification_code
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "code_form": code_form, "code_matches": code_matches},
    )


@never_cache
def certificate_download(request, serial: str):
    certificate = get_object_or_404(Certificate.objects.visible_to(request.user), serial=serial.upper())
    if not certificate.pdf:
        raise Http404("not rendered yet")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"sertifikat-{certificate.serial}.pdf",
        content_type="application/pdf",
    )
