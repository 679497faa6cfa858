"""The review rubric: five criteria scored 1–4, each level with a short description, and checks on scores.

The descriptions tell the officer what each level means and the learner what to aim for; they are
msgids in English with Indonesian translations, like every other text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_SCORE, MAX_SCORE = 1, 4


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    levels: tuple[str, str, str, str]  # what 1, 2, 3 and 4 mean

    def described_levels(self) -> list[tuple[int, str]]:
        return list(enumerate(self.levels, start=MIN_SCORE))


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "photos",
        _("Photos"),
        (
            _("Dark or blurred; the product is hard to see."),
            _("The product is visible, but the light or background distracts."),
            _("Clear and bright; a few angles are missing."),
            _("Clear, bright, several angles, a plain background."),
        ),
    ),
    Criterion(
        "title",
        _("Product name"),
        (
            _("Does not say what the product is."),
            _("Says what it is, but not the material or size."),
            _("Says what it is and its material or size."),
            _("Short and clear: product, material, size; no spam words."),
        ),
    ),
    Criterion(
        "description",
        _("Description"),
        (
            _("Very short or unclear."),
            _("Explains a little; size or material is missing."),
            _("Explains material, size and use."),
            _("Complete and tidy: material, size, care, package contents."),
        ),
    ),
    Criterion(
        "price",
        _("Price"),
        (
            _("Below the cost of making it (HPP)."),
            _("Above HPP, but the profit is very thin."),
            _("A fair profit above HPP."),
            _("A fair profit and in line with similar products."),
        ),
    ),
    Criterion(
        "legality",
        _("Permits and halal"),
        (
            _("Required permits are missing."),
            _("Some permit facts are missing or wrong."),
            _("The required permits are there."),
            _("All permits and the halal status are complete and correct."),
        ),
    ),
)
CRITERION_KEYS = tuple(c.key for c in CRITERIA)


def clean_scores(scores: dict | None) -> dict[str, int]:
    """All five scores as whole numbers 1–4, or a ValidationError naming each bad one (nothing is saved)."""
    scores = scores or {}
    errors, cleaned = {}, {}
    unknown = set(scores) - set(CRITERION_KEYS)
    if unknown:
        errors["__all__"] = _("Unknown rubric criteria: %(names)s.") % {"names": ", ".join(sorted(unknown))}
    for criterion in CRITERIA:
        value = scores.get(criterion.key)
        if value in (None, ""):
            errors[criterion.key] = _("Give a score for “%(criterion)s”.") % {"criterion": criterion.label}
            continue
        try:
            number = int(value)
            if isinstance(value, float) or str(number) != str(value).strip():
                raise ValueError
        except (TypeError, ValueError):
            number = None
        if number is None or not MIN_SCORE <= number <= MAX_SCORE:
            errors[criterion.key] = _("The score for “%(criterion)s” must be a whole number from 1 to 4.") % {
                "criterion": criterion.label
            }
            continue
        cleaned[criterion.key] = number
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    return cleaned


# Fields an officer can comment on: the edit form's fields, plus its photos and variants.
EXTRA_COMMENT_FIELDS = {"photos": _("Photos"), "variants": _("Variants")}


def commentable_fields() -> list[tuple[str, str]]:
    """(name, label) of every field a comment can be attached to, in the edit form's order."""
    from .models import PracticeListing
    from .services import LISTING_FIELDS

    meta = PracticeListing._meta
    fields = [(name, _first_upper(str(meta.get_field(name).verbose_name))) for name in LISTING_FIELDS]
    return fields + [(name, str(label)) for name, label in EXTRA_COMMENT_FIELDS.items()]


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def clean_field_comments(comments: dict | None) -> dict[str, str]:
    """Comments keyed by field name, stripped; empty ones dropped; an unknown field is refused."""
    known = dict(commentable_fields())
    cleaned, errors = {}, []
    for name, text in (comments or {}).items():
        text = (text or "").strip()
        if not text:
            continue
        if name not in known:
            errors.append(_("There is no field “%(name)s” to comment on.") % {"name": name})
        elif len(text) > 1000:
            errors.append(
                _("The comment on “%(field)s” is too long (at most 1000 characters).") % {"field": known[name]}
            )
        else:
            cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned
