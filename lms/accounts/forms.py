from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Facility
from .services import validate_pin


class LearnerSignInForm(forms.Form):
    facility = forms.ChoiceField(label=_("Facility"))
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = [("", _("— choose your facility —"))] + [
            (f.code, f"{f.name} ({f.code})") for f in Facility.objects.order_by("name")
        ]

    def clean_facility(self):
        return self.cleaned_data["facility"].strip().upper()


class PinChangeForm(forms.Form):
    pin = forms.CharField(
        label=_("New PIN (4–6 digits)"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    pin_again = forms.CharField(
        label=_("New PIN again"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_pin(self):
        pin = self.cleaned_data["pin"]
        validate_pin(pin)
        return pin

    def clean(self):
        data = super().clean()
        if data.get("pin") and data.get("pin") != data.get("pin_again"):
            self.add_error("pin_again", _("The two PINs are not the same."))
        return data
