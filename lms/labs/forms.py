from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FacilityLabSettings


class TerminalForm(forms.Form):
    name = forms.CharField(label=_("Terminal name"), max_length=60, help_text=_("For example: Lab PC 03"))
    location = forms.CharField(
        label=_("Location"), max_length=120, required=False, help_text=_("For example: Library lab, row 1")
    )


class LabOpenForm(forms.Form):
    planned_end = forms.TimeField(
        label=_("Planned end (today)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("The lab closes itself at this time and learners are signed out."),
    )


class LabSettingsForm(forms.ModelForm):
    class Meta:
        model = FacilityLabSettings
        fields = ["require_terminal", "require_lab_session", "idle_timeout_minutes"]
