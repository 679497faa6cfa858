from django import forms
from django.utils.translation import gettext_lazy as _


class H5PUploadForm(forms.Form):
    file = forms.FileField(label=_("H5P file (.h5p)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".h5p"):
            raise forms.ValidationError(_("Choose a file ending in .h5p."))
        return upload
