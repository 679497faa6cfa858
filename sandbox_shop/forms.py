from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import PracticeListing
from .moderation import find_contact_details
from .photos import clean_photo
from .services import MAX_PHOTOS


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


class ListingForm(forms.ModelForm):
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP. Up to %(max)d photos; the first one is the cover.") % {"max": MAX_PHOTOS},
    )

    class Meta:
        model = PracticeListing
        fields = ["category", "title", "description", "price"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "price": forms.NumberInput(attrs={"min": 1, "step": 500, "inputmode": "numeric"}),
        }
        help_texts = {
            "title": _("What is it, what is it made of, what size? e.g. “Tas Anyaman Pandan 30 cm”."),
            "description": _("Describe material, size, colour, how it is made and how to care for it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        has_photos = bool(self.instance.pk and self.instance.photos.exists())
        self.fields["photos"].required = not has_photos
        self.fields["photos"].error_messages["required"] = _("Add at least one photo of the product.")

    def clean(self):
        data = super().clean()
        for name in ("title", "description"):
            for finding in find_contact_details(data.get(name) or ""):
                self.add_error(name, f"“{finding.text}”: {finding.message}")
        return data

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise ValidationError(_("The product name is too short (at least 5 letters)."))
        return title


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", _("Approve and publish in the store")),
            ("request_changes", _("Send back for changes")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    comment = forms.CharField(
        label=_("Comment for the learner"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
