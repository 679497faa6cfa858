"""The officer's promote page: which real stock an approved listing is sold from, and who made it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from store.models import InventoryItem
from store.services import MakerShare, NewStock

MAKER_ROWS = 4


class PromoteForm(forms.Form):
    STOCK_CHOICES = [("existing", _("Existing stock")), ("new", _("A new workshop batch"))]

    stock_source = forms.ChoiceField(label=_("Stock"), choices=STOCK_CHOICES, widget=forms.RadioSelect, initial="new")
    inventory = forms.ModelChoiceField(label=_("Existing stock"), queryset=InventoryItem.objects.none(), required=False)
    stock_name = forms.CharField(label=_("Stock name"), max_length=255, required=False)
    batch_code = forms.CharField(label=_("Workshop batch"), max_length=64, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100_000, required=False)
    production_date = forms.DateField(
        label=_("Production date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit_cost = forms.IntegerField(label=_("Unit cost (Rp)"), min_value=0, max_value=100_000_000, required=False)

    def __init__(self, *args, listing, **kwargs):
        super().__init__(*args, **kwargs)
        self.listing = listing
        self.fields["inventory"].queryset = InventoryItem.objects.filter(facility=listing.facility_id).order_by(
            "-created_at"
        )
        learners = User.objects.learners().filter(facility=listing.facility_id).order_by("full_name")
        choices = [("", "—")] + [(str(u.pk), f"{u.display_name} ({u.registration_number})") for u in learners]
        for index in range(MAKER_ROWS):
            label = _("Maker %(number)s") % {"number": index + 1}
            self.fields[f"maker_{index}"] = forms.TypedChoiceField(
                label=label,
                widget=forms.Select(attrs={"aria-label": label}),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            share_label = _("Share of maker %(number)s") % {"number": index + 1}
            self.fields[f"share_{index}"] = forms.IntegerField(
                label=share_label,
                min_value=1,
                max_value=100,
                required=False,
                widget=forms.NumberInput(attrs={"aria-label": share_label}),
            )
        if not self.is_bound:
            self.initial.setdefault("maker_0", str(listing.learner_id))
            self.initial.setdefault("share_0", 1)
            self.initial.setdefault("stock_name", listing.title)
            self.initial.setdefault("quantity", listing.stock or 1)
            self.initial.setdefault("unit_cost", listing.hpp)

    @property
    def maker_rows(self):
        return [(self[f"maker_{i}"], self[f"share_{i}"]) for i in range(MAKER_ROWS)]

    @property
    def stock_fields(self):
        return [self[name] for name in ("stock_name", "batch_code", "quantity", "production_date", "unit_cost")]

    def clean(self):
        data = super().clean()
        if data.get("stock_source") == "existing":
            if not data.get("inventory"):
                self.add_error("inventory", _("Choose the stock."))
        elif data.get("stock_source") == "new":
            if not (data.get("stock_name") or "").strip():
                self.add_error("stock_name", _("Give the stock a name."))
            if not data.get("quantity"):
                self.add_error("quantity", _("Enter how many items the batch has."))
        makers = []
        for index in range(MAKER_ROWS):
            learner_id, share = data.get(f"maker_{index}"), data.get(f"share_{index}")
            if learner_id:
                makers.append(MakerShare(learner_id=learner_id, share=share or 1))
        if not makers:
            raise ValidationError(_("Name at least one maker."))
        data["makers"] = makers
        return data

    def stock(self) -> dict:
        """The service's stock arguments: ``inventory`` or ``new_stock``."""
        data = self.cleaned_data
        if data["stock_source"] == "existing":
            return {"inventory": data["inventory"]}
        return {
            "new_stock": NewStock(
                name=data["stock_name"],
                quantity=data["quantity"],
                batch_code=data.get("batch_code") or "",
                production_date=data.get("production_date"),
                unit_cost=data.get("unit_cost") or 0,
            )
        }
