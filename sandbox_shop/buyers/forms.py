from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PracticeOrder
from .services import MAX_ANSWER_CHARS


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Greet the buyer, answer the question, and thank them."),
        error_messages={"required": _("Write your answer to the buyer.")},
    )


class ShipForm(forms.Form):
    courier = forms.ChoiceField(
        label=_("Courier"),
        choices=[("", "—")] + list(PracticeOrder.Courier.choices),
        error_messages={"required": _("Choose the courier.")},
    )
    receipt = forms.CharField(
        label=_("Receipt number (resi)"),
        max_length=40,
        help_text=_("Copy it exactly from the courier's label."),
        error_messages={"required": _("Type the receipt number from the courier's label.")},
    )
