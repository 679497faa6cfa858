import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import rubric
from .categories import SUBCATEGORIES, subcategory_fits
from .models import ListingPhoto, PracticeListing
from .moderation import find_contact_details
from .photos import clean_photo
from .quality import ListingFacts, PhotoFacts, VariantFacts
from .selectors import QUEUE_STATUSES, WAITING_DAYS
from .services import LISTING_FIELDS, MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [super(MultiplePhotoField, self).clean(f, initial) for f in files if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(clean_photo(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


DIGITS = re.compile(r"\D")


class ListingForm(forms.ModelForm):
    """The learner's listing, grouped into the sections of a marketplace's product form."""

    FIELDSETS = [
        (_("Product"), ["marketplace", "category", "subcategory", "title", "description"]),
        (
            _("Price and costs"),
            ["cost_materials", "cost_labour", "cost_packaging", "cost_other", "markup_percent", "price", "stock"],
        ),
        (_("Shipping"), ["weight_grams", "length_cm", "width_cm", "height_cm"]),
        (_("Permits and halal"), ["nib", "spp_irt_number", "bpom_md_number", "halal_status", "halal_number"]),
        (_("Photos"), ["photos"]),
    ]

    # Filled with the model's default when left empty (or not sent, as by older clients).
    OPTIONAL_NUMBERS = ("cost_materials", "cost_labour", "cost_packaging", "cost_other", "markup_percent", "stock")
    OPTIONAL_WITH_DEFAULT = (*OPTIONAL_NUMBERS, "marketplace")

    photos = MultiplePhotoField(
        label=_("Add photos"),
        required=False,
        help_text=lazy(
            lambda: _("JPEG, PNG or WebP. Up to %(max)d photos; the first one is the cover.") % {"max": MAX_PHOTOS}, str
        )(),
    )
    cover = forms.ModelChoiceField(queryset=ListingPhoto.objects.none(), required=False, label=_("Cover photo"))
    remove_photos = forms.ModelMultipleChoiceField(
        queryset=ListingPhoto.objects.none(), required=False, label=_("Remove photos")
    )

    class Meta:
        model = PracticeListing
        fields = list(LISTING_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "price": forms.NumberInput(attrs={"min": 1, "step": 500, "inputmode": "numeric"}),
            **{
                name: forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})
                for name in (
                    "cost_materials",
                    "cost_labour",
                    "cost_packaging",
                    "cost_other",
                    "markup_percent",
                    "stock",
                    "weight_grams",
                    "length_cm",
                    "width_cm",
                    "height_cm",
                )
            },
        }
        help_texts = {
            "title": _("What is it, what is it made of, what size? e.g. “Tas Anyaman Pandan 30 cm”."),
            "description": _("Describe material, size, colour, how it is made and how to care for it."),
            "subcategory": _("Choose one that belongs to the category."),
            "markup_percent": _("Used for the suggested price: HPP plus this percentage, rounded up to Rp500."),
            "nib": _("Business ID number (13 digits), if the workshop has one."),
            "spp_irt_number": _("Home-industry food permit (P-IRT), e.g. 2063271010123-28 — digits only are kept."),
            "bpom_md_number": _("For food registered with BPOM: the 12 digits after “MD”."),
            "halal_number": _("Only when the status is “Halal certificate”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.OPTIONAL_WITH_DEFAULT:
            self.fields[name].required = False
        for name in ("nib", "spp_irt_number", "bpom_md_number", "halal_number"):
            # typed with spaces, dashes or a "P-IRT"/"MD" prefix; the stored length is checked after cleaning
            field = self.fields[name]
            field.max_length = 40
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.widget.attrs["maxlength"] = "40"
        self.fields["subcategory"].choices = [("", "---------")] + [
            (label, [(sub.code, sub.label) for sub in SUBCATEGORIES if sub.category == code])
            for code, label in PracticeListing.Category.choices
        ]  # grouped under their category
        has_photos = bool(self.instance.pk and self.instance.photos.exists())
        self.fields["photos"].required = not has_photos
        self.fields["photos"].error_messages["required"] = _("Add at least one photo of the product.")
        if self.instance.pk:
            self.fields["cover"].queryset = self.instance.photos.all()
            self.fields["remove_photos"].queryset = self.instance.photos.all()

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean(self):
        data = super().clean()
        for name in self.OPTIONAL_WITH_DEFAULT:
            if name in data and data[name] in (None, ""):
                data[name] = PracticeListing._meta.get_field(name).get_default()
        for name in ("title", "description"):
            for finding in find_contact_details(data.get(name) or ""):
                self.add_error(name, f"“{finding.text}”: {finding.message}")
        category, subcategory = data.get("category"), data.get("subcategory")
        if category and subcategory and not subcategory_fits(category, subcategory):
            self.add_error("subcategory", _("This subcategory does not belong to the chosen category."))
        if data.get("halal_number") and data.get("halal_status") != PracticeListing.Halal.CERTIFIED:
            self.add_error("halal_number", _("A certificate number goes with the status “Halal certificate”."))
        existing = self.instance.photos.count() if self.instance.pk else 0
        removed = len(data.get("remove_photos") or [])
        added = len(data.get("photos") or [])
        if existing + added - removed > MAX_PHOTOS:
            self.add_error(
                "photos",
                _("A listing can have up to %(max)d photos; remove some first.") % {"max": MAX_PHOTOS},
            )
        elif self.instance.pk and existing and existing - removed + added < 1:
            self.add_error("remove_photos", _("Keep at least one photo of the product."))
        cover = data.get("cover")
        if cover and cover in (data.get("remove_photos") or []):
            self.add_error("cover", _("The cover photo cannot be removed; choose another cover first."))
        return data

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise ValidationError(_("The product name is too short (at least 5 letters)."))
        return title

    def _digits(self, name: str, prefix: str = "") -> str:
        value = (self.cleaned_data.get(name) or "").strip()
        if prefix:
            value = re.sub(prefix, "", value, flags=re.I)
        return DIGITS.sub("", value)

    def clean_nib(self):
        return self._digits("nib")

    def clean_spp_irt_number(self):
        return self._digits("spp_irt_number", r"\b(spp-?irt|p-?irt|pirt)\b")

    def clean_bpom_md_number(self):
        return self._digits("bpom_md_number", r"\b(bpom|ri|md)\b")

    def clean_halal_number(self):
        return re.sub(r"[^A-Z0-9]", "", (self.cleaned_data.get("halal_number") or "").upper())

    def listing_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in LISTING_FIELDS}


class VariantForm(forms.Form):
    # shown as a table row under column headings, so each input carries its own accessible name
    name = forms.CharField(
        label=_("Variant"),
        max_length=40,
        widget=forms.TextInput(attrs={"aria-label": _("Variant"), "placeholder": _("e.g. Red, L")}),
    )
    price = forms.IntegerField(
        label=_("Price (Rp)"), min_value=1, widget=forms.NumberInput(attrs={"aria-label": _("Price (Rp)"), "min": 1})
    )
    stock = forms.IntegerField(
        label=_("Stock"), min_value=0, widget=forms.NumberInput(attrs={"aria-label": _("Stock"), "min": 0})
    )


class BaseVariantFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Remove")

    def clean(self):
        if any(self.errors):
            return
        names = [" ".join(f.cleaned_data["name"].split()).lower() for f in self.kept_forms()]
        if len(names) != len(set(names)):
            raise ValidationError(_("Each variant needs its own name."))

    def kept_forms(self):
        return [f for f in self.forms if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE", False)]

    def variants(self) -> list[dict]:
        return [{k: f.cleaned_data[k] for k in ("name", "price", "stock")} for f in self.kept_forms()]


VariantFormSet = forms.formset_factory(
    VariantForm, formset=BaseVariantFormSet, extra=2, can_delete=True, max_num=20, validate_max=True
)


def variant_formset(request_post, listing: PracticeListing | None):
    """The variants formset; a POST without its management data leaves the variants as they are."""
    initial = [{"name": v.name, "price": v.price, "stock": v.stock} for v in listing.variants.all()] if listing else []
    if request_post is not None and "variants-TOTAL_FORMS" in request_post:
        return VariantFormSet(request_post, initial=initial, prefix="variants")
    return VariantFormSet(initial=initial, prefix="variants")


NOTE_ROWS = 3  # per-field comment rows on the review page


class ReviewForm(forms.Form):
    """The officer's decision with the rubric (every criterion scored 1–4) and up to three field comments."""

    decision = forms.ChoiceField(
        choices=[
            ("approve", _("Approve (then promote it to the store)")),
            ("request_changes", _("Send back for changes")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    comment = forms.CharField(
        label=_("Comment for the learner"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in rubric.CRITERIA:
            self.fields[f"score_{criterion.key}"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=[(n, f"{n} – {text}") for n, text in criterion.described_levels()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": lazy(
                        lambda c=criterion: _("Give a score for “%(criterion)s”.") % {"criterion": c.label}, str
                    )(),
                    "invalid_choice": lazy(
                        lambda c=criterion: (
                            _("The score for “%(criterion)s” must be a whole number from 1 to 4.")
                            % {"criterion": c.label}
                        ),
                        str,
                    )(),
                },
            )
        field_choices = [("", _("— choose a field —")), *rubric.commentable_fields()]
        for row in range(1, NOTE_ROWS + 1):
            self.fields[f"note_field_{row}"] = forms.ChoiceField(
                label=_("Field"), choices=field_choices, required=False
            )
            self.fields[f"note_text_{row}"] = forms.CharField(
                label=_("Comment on this field"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def score_fields(self):
        return [self[f"score_{criterion.key}"] for criterion in rubric.CRITERIA]

    def note_rows(self):
        return [(self[f"note_field_{row}"], self[f"note_text_{row}"]) for row in range(1, NOTE_ROWS + 1)]

    def clean(self):
        data = super().clean()
        seen = set()
        for row in range(1, NOTE_ROWS + 1):
            name, text = data.get(f"note_field_{row}"), (data.get(f"note_text_{row}") or "").strip()
            if text and not name:
                self.add_error(f"note_field_{row}", _("Choose the field this comment is about."))
            elif name and not text:
                self.add_error(f"note_text_{row}", _("Write the comment, or choose no field."))
            elif name and name in seen:
                self.add_error(f"note_field_{row}", _("Each field can have one comment; join the two comments."))
            if name:
                seen.add(name)
        return data

    def scores(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[f"score_{c.key}"] for c in rubric.CRITERIA}

    def field_comments(self) -> dict[str, str]:
        notes = {}
        for row in range(1, NOTE_ROWS + 1):
            name = self.cleaned_data.get(f"note_field_{row}")
            if name:
                notes[name] = self.cleaned_data[f"note_text_{row}"]
        return notes


class QueueFilterForm(forms.Form):
    """The review queue's filters (GET); an unknown value is reported and the default used."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            *[(s, PracticeListing.Status(s).label) for s in QUEUE_STATUSES],
            ("all", _("All statuses")),
        ],
    )
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None, required=False, empty_label=_("All cohorts"))
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            *[
                (
                    days,
                    lazy(lambda d=days: ngettext("more than %(n)d day", "more than %(n)d days", d) % {"n": d}, str)(),
                )
                for days in WAITING_DAYS
            ],
        ],
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts

    def filters(self) -> dict:
        """The selector's keyword arguments from whatever was valid."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status") or PracticeListing.Status.SUBMITTED
        return {
            "status": None if status == "all" else status,
            "cohort": data.get("cohort"),
            "waiting_days": data.get("waiting"),
        }


def listing_facts_from_form(form: ListingForm, variants, *, listing, pending_photos=None) -> ListingFacts:
    """The checker's facts from a form as typed so far, valid or not: whatever cleaned is used.

    Text the form refused (say, for a phone number) is still checked as typed; photos come from the
    saved listing minus those ticked for removal, the chosen cover first, plus ``pending_photos``
    chosen in the browser but not uploaded yet (counted, size unknown).
    """
    form.is_valid()
    data = dict(form.cleaned_data)
    for name in ("title", "description"):
        data.setdefault(name, form.data.get(name, ""))
    if variants.is_bound:
        variant_facts = []
        for variant in variants.forms:
            variant.is_valid()
            if variant.has_changed() and not variant.cleaned_data.get("DELETE"):
                values = variant.cleaned_data
                variant_facts.append(VariantFacts(values.get("name", ""), values.get("price"), values.get("stock")))
    else:
        variant_facts = [VariantFacts(v.name, v.price, v.stock) for v in listing.variants.all()] if listing else []
    photos = []
    if listing is not None:
        removed = {p.pk for p in data.get("remove_photos") or []}
        kept = [p for p in listing.photos.all() if p.pk not in removed]
        cover = data.get("cover")
        if cover is not None and cover.pk not in removed:
            kept = [cover] + [p for p in kept if p.pk != cover.pk]
        photos = [PhotoFacts(p.width, p.height) for p in kept]
    try:
        pending = min(max(int(pending_photos or 0), 0), MAX_PHOTOS)
    except ValueError:
        pending = 0
    photos += [PhotoFacts()] * pending
    return ListingFacts.from_data(data, photos=photos, variants=variant_facts)
