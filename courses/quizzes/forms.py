"""The Wagtail admin form for quizzes: refuse questions that no learner could answer right."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


def _kept(formset) -> list:
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE", False)
    ]


class QuizAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        problems = []
        questions = self.formsets.get("questions")
        for number, form in enumerate(_kept(questions) if questions else [], start=1):
            kind = form.cleaned_data.get("kind")
            if kind in {"single", "multiple"}:
                options = [o.cleaned_data for o in _kept(form.formsets["options"]) if o.cleaned_data.get("text")]
                right = sum(1 for option in options if option.get("is_correct"))
                if len(options) < 2:
                    problems.append(_("Question %(n)s needs at least two options.") % {"n": number})
                elif kind == "single" and right != 1:
                    problems.append(
                        _("Question %(n)s (single choice) needs exactly one correct option.") % {"n": number}
                    )
                elif kind == "multiple" and right < 1:
                    problems.append(
                        _("Question %(n)s (multiple choice) needs at least one correct option.") % {"n": number}
                    )
            elif kind == "number" and form.cleaned_data.get("correct_number") is None:
                problems.append(_("Question %(n)s (number answer) needs the correct number.") % {"n": number})
        if problems:
            raise ValidationError(problems)
        return cleaned
