"""The public order form, with bot protection that needs no outside service.

Two checks: a honeypot field people never see (bots fill every field), and a signed time stamp of
when the form was shown — a form sent back sooner than a person can fill it, or after the stamp has
expired, is refused. The stamp is signed with the site's secret, so it cannot be forged.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from lms.home.templatetags.bekal import rupiah

from .order_models import Order
from .order_services import MAX_QUANTITY, phone_normalise

STAMP_SALT = "store.order-form"
MAX_FORM_AGE = 6 * 3600  # seconds a shown form stays valid


def min_fill_seconds() -> int:
    return getattr(settings, "STORE_ORDER_MIN_SECONDS", 3)


def form_stamp(at: float | None = None) -> str:
    return signing.dumps(int(at if at is not None else time.time()), salt=STAMP_SALT)


class OrderForm(forms.Form):
    buyer_name = forms.CharField(label=_("Your name"), max_length=120)
    buyer_phone = forms.CharField(
        label=_("Phone number (WhatsApp)"), max_length=24, help_text=_("E.g. 0812 3456 7890.")
    )
    buyer_address = forms.CharField(
        label=_("Address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("For pickup, write the town you come from."),
    )
    variant = forms.ModelChoiceField(label=_("Variant"), queryset=None, required=False, empty_label=None)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1)
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=Order.Payment.choices, widget=forms.RadioSelect, initial=Order.Payment.TRANSFER
    )
    # Bot traps: ``website`` stays empty for people (it is off screen); ``stamp`` says when the form was shown.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        variants = product.variants.all()
        self.fields["variant"].queryset = variants
        self.fields["variant"].label_from_instance = lambda v: f"{v.name} — {rupiah(v.price)}"
        if variants.exists():
            self.fields["variant"].required = True
        else:
            del self.fields["variant"]
        if not self.is_bound:
            self.initial["stamp"] = form_stamp()

    def clean_buyer_phone(self) -> str:
        return phone_normalise(self.cleaned_data["buyer_phone"])

    def clean_buyer_name(self) -> str:
        name = self.cleaned_data["buyer_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The order could not be sent. Please try again."), code="bot")
        try:
            age = time.time() - int(signing.loads(data.get("stamp", ""), salt=STAMP_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            age = None
        if age is None or age > MAX_FORM_AGE:
            raise forms.ValidationError(
                _("This form has expired. Please check your order and send it again."), code="stamp"
            ) from None
        if age < min_fill_seconds():
            raise forms.ValidationError(
                _("That was very fast. Please check your order and send it again."), code="too_fast"
            )
        return data

    def refresh_stamp(self) -> None:
        """A refused form is shown again with a new stamp, so the next try can pass."""
        data = self.data.copy()
        data["stamp"] = form_stamp()
        self.data = data


class SplitRuleForm(forms.Form):
    effective_from = forms.DateField(label=_("Effective from"), widget=forms.DateInput(attrs={"type": "date"}))
    premi_percent = forms.DecimalField(
        label=_("Premi for the makers (%)"), min_value=0, max_value=100, decimal_places=2
    )
    pnbp_percent = forms.DecimalField(label=_("PNBP for the state (%)"), min_value=0, max_value=100, decimal_places=2)
    capital_percent = forms.DecimalField(
        label=_("Production capital (%)"), min_value=0, max_value=100, decimal_places=2
    )
    note = forms.CharField(label=_("Basis (e.g. the decree)"), max_length=255, required=False)
