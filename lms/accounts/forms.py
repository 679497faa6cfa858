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


class LearnerCreateForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    registration_number = forms.CharField(label=_("Registration number"), max_length=40)
    full_name = forms.CharField(label=_("Full name"), max_length=160)
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None, required=False)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900, max_value=2100)
    gender = forms.ChoiceField(label=_("Gender"), required=False)

    def __init__(self, *args, facilities, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import User

        self.fields["facility"].queryset = facilities
        if facilities.count() == 1:
            self.fields["facility"].initial = facilities.first()
        self.fields["cohort"].queryset = cohorts
        self.fields["gender"].choices = [("", "—")] + list(User.Gender.choices)


class LearnerImportForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: registration_number, full_name, cohort (required); birth_year, gender (L/P) optional. "
            "Save the spreadsheet as “CSV UTF-8”."
        ),
    )

    def __init__(self, *args, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = facilities
        if facilities.count() == 1:
            self.fields["facility"].initial = facilities.first()


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Reason (e.g. released on date)"), max_length=300, required=False)


class TransferForm(forms.Form):
    to_facility = forms.ModelChoiceField(label=_("New facility"), queryset=Facility.objects.none())
    registration_number = forms.CharField(
        label=_("Registration number in the new facility"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to keep the same number."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_facility"].queryset = facilities


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=160, required=False)
    role = forms.ChoiceField(label=_("Role"))
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none(), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False)

    def __init__(self, *args, roles, facilities, regions, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import User

        self.fields["role"].choices = [(value, label) for value, label in User.Role.choices if value in roles]
        self.fields["facility"].queryset = facilities
        if facilities.count() == 1:
            self.fields["facility"].initial = facilities.first()
        self.fields["region"].queryset = regions
        if not regions.exists():
            del self.fields["region"]


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=160)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Actor (name or email)"), required=False, max_length=100)
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none(), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions"))] + [(a, a) for a in actions]
        self.fields["facility"].queryset = facilities
        if facilities.count() <= 1:
            del self.fields["facility"]
