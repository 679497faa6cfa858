from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class LookupForm(forms.Form):
    serial = forms.CharField(
        label=_("Certificate serial number"),
        max_length=32,
        # Serials are letters, digits and dashes (KLD-2026-000001); anything else cannot be one.
        validators=[
            RegexValidator(
                r"^\s*[A-Za-z0-9-]+\s*$",
                _("A serial number has only letters, digits and dashes, e.g. KLD-2026-000001."),
            )
        ],
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code printed on the certificate"), max_length=20)


class UploadForm(forms.Form):
    pdf = forms.FileField(
        label=_("Certificate PDF file"),
        help_text=_("The file is only compared with our records and is not kept."),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > settings.CERTIFICATE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large to be a certificate from this site."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This is not a PDF file. Choose the certificate's PDF file."))
        return upload


class RevokeForm(forms.Form):
    class Action:
        REVOKE = "revoke"
        REISSUE = "reissue"

    action = forms.ChoiceField(
        label=_("What to do"),
        widget=forms.RadioSelect,
        choices=[
            (Action.REISSUE, _("Re-issue: revoke this certificate and issue a corrected one with a new serial")),
            (Action.REVOKE, _("Revoke only: the certificate is no longer valid")),
        ],
    )
    reason = forms.CharField(label=_("Reason (recorded and shown to officers)"), max_length=500, widget=forms.Textarea)
