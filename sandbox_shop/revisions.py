"""Submissions frozen as revisions, and what changed between two of them.

``snapshot`` turns a listing into plain JSON data (its fields, variants and photo ids, cover first);
``diff`` compares two snapshots field by field and, for text, word by word. ``diff`` is pure: it
reads only the two dicts it is given, so it is tested without a database.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .services import LISTING_FIELDS

TEXT_FIELDS = ("title", "description")
# The order in which changes are listed: as the edit form shows the fields.
DIFF_FIELDS = (*LISTING_FIELDS, "variants", "photo_ids")


def snapshot(listing) -> dict:
    """The listing as submitted: every form field, the variants and the photos (cover first)."""
    data = {name: getattr(listing, name) for name in LISTING_FIELDS}
    data["variants"] = [{"name": v.name, "price": v.price, "stock": v.stock} for v in listing.variants.all()]
    data["photo_ids"] = [photo.pk for photo in listing.photos.all()]
    return data


@dataclass(frozen=True)
class FieldChange:
    """One field that differs. ``words`` is the text diff as (op, text) pairs, op one of
    ``"same"``, ``"added"``, ``"removed"``; ``added``/``removed`` list what came in and went out
    (words for text, variant lines for variants, photo ids for photos)."""

    field: str
    old: object
    new: object
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)


def _word_diff(old: str, new: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    a, b = (old or "").split(), (new or "").split()
    words, added, removed = [], [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            words.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            removed += a[i1:i2]
            words.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            added += b[j1:j2]
            words.append(("added", " ".join(b[j1:j2])))
    return words, added, removed


def _variant_line(variant: dict) -> str:
    return f"{variant.get('name', '')} · Rp{variant.get('price')} · {variant.get('stock')}"


def diff(old: dict | None, new: dict) -> list[FieldChange]:
    """The fields that differ from ``old`` to ``new`` (``old=None``: the first revision, nothing to compare)."""
    if old is None:
        return []
    changes = []
    for name in DIFF_FIELDS:
        before, after = old.get(name), new.get(name)
        if before == after or (before in (None, "") and after in (None, "")):
            continue
        if name in TEXT_FIELDS:
            words, added, removed = _word_diff(before or "", after or "")
            if not added and not removed:
                continue  # only spacing changed
            changes.append(FieldChange(name, before, after, added=added, removed=removed, words=words))
        elif name == "variants":
            lines_before = [_variant_line(v) for v in before or []]
            lines_after = [_variant_line(v) for v in after or []]
            changes.append(
                FieldChange(
                    name,
                    lines_before,
                    lines_after,
                    added=[line for line in lines_after if line not in lines_before],
                    removed=[line for line in lines_before if line not in lines_after],
                )
            )
        elif name == "photo_ids":
            before, after = list(before or []), list(after or [])
            changes.append(
                FieldChange(
                    name,
                    before,
                    after,
                    added=[pk for pk in after if pk not in before],
                    removed=[pk for pk in before if pk not in after],
                )
            )
        else:
            changes.append(FieldChange(name, before, after))
    return changes
