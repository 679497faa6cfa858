"""Grading a learner's answer to a practice buyer: one table of rules, each worth some points.

Every rule has an id, the points it is worth, a label for the checklist and two messages (what went
well, what to do better). The score is the sum of the points earned, 0–100. Rules:

* ``answers_question`` — the answer has a word of every keyword group of the buyer's question;
* ``response_time`` — time from the message appearing to the answer, on the practice clock
  (``settings.BUYERS_PRACTICE_CLOCK``): full points in time, half when late, none when very late;
* ``greeting``, ``thanks``, ``addresses_buyer``, ``no_all_caps`` — the politeness checklist.

Contact details are not a rule with points: an answer that has any is refused before it is saved
(``contact_refusal``), using the same detector as listings, ``sandbox_shop.moderation``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sandbox_shop.moderation import find_contact_details

GREETINGS = [
    "halo",
    "hallo",
    "hai",
    "hi",
    "selamat pagi",
    "selamat siang",
    "selamat sore",
    "selamat malam",
    "pagi",
    "siang",
    "sore",
    "malam",
    "assalamualaikum",
    "assalamu'alaikum",
    "salam",
    "permisi",
]
THANKS = ["terima kasih", "terimakasih", "makasih", "trima kasih", "trims", "thank you", "thanks", "tengkyu"]
HONORIFICS = ["kak", "kakak", "ka", "bapak", "ibu", "pak", "bu", "mas", "mbak", "mba", "gan", "agan", "sis", "sist"]


@dataclass(frozen=True)
class AnswerFacts:
    text: str
    buyer_name: str
    keywords: list[list[str]]
    appeared_at: datetime | None
    answered_at: datetime


@dataclass(frozen=True)
class Rule:
    id: str
    points: int
    label: object
    good: object
    better: object
    check: Callable[[AnswerFacts], tuple[int, dict]]  # points earned, details for the feedback


RULES: list[Rule] = []
RULES_BY_ID: dict[str, Rule] = {}


def rule(rule_id: str, points: int, *, label, good, better):
    def register(check):
        item = Rule(rule_id, points, label, good, better, check)
        RULES.append(item)
        RULES_BY_ID[rule_id] = item
        return check

    return register


@dataclass(frozen=True)
class Grade:
    score: int
    checks: list[dict]  # stored on the message: rule, points, max, and details


def grade_answer(facts: AnswerFacts) -> Grade:
    checks = []
    for item in RULES:
        earned, details = item.check(facts)
        checks.append({"rule": item.id, "points": earned, "max": item.points, **details})
    return Grade(score=sum(c["points"] for c in checks), checks=checks)


def feedback(checks: list[dict]) -> list[dict]:
    """The stored checks as the learner reads them, in the current language."""
    lines = []
    for check in checks:
        item = RULES_BY_ID.get(check["rule"])
        if item is None:
            continue
        passed = check["points"] >= check["max"]
        message = str(item.good if passed else item.better)
        if item.id == "response_time":
            message = f"{message} {answered_after(check.get('minutes', 0))}"
        lines.append(
            {
                "rule": item.id,
                "label": str(item.label),
                "passed": passed,
                "points": check["points"],
                "max": check["max"],
                "message": message,
            }
        )
    return lines


def answered_after(minutes: int) -> str:
    return ngettext(
        "You answered after %(minutes)d minute on the practice clock.",
        "You answered after %(minutes)d minutes on the practice clock.",
        minutes,
    ) % {"minutes": minutes}


CONTACT_KINDS = {
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
    "url": _("a web address"),
    "handle": _("a social-media account"),
    "messaging": _("a messaging app or a request to talk elsewhere"),
    "bank": _("a bank account number"),
    "marketplace": _("the name of another marketplace"),
}


def contact_refusal(text: str) -> str | None:
    """Why ``text`` cannot be sent (it points outside the marketplace chat), or ``None`` when it can."""
    findings = find_contact_details(text)
    if not findings:
        return None
    kinds = []
    for finding in findings:
        label = str(CONTACT_KINDS.get(finding.kind, CONTACT_KINDS["messaging"]))
        if label not in kinds:
            kinds.append(label)
    return str(
        _(
            "Your answer was not sent. It has %(what)s. In a marketplace, sellers and buyers talk only in its "
            "chat, so an answer may not point anywhere else. Please write it again without that."
        )
    ) % {"what": ", ".join(kinds)}


def _has_word(text: str, words: list[str], *, whole: bool) -> bool:
    end = r"(?!\w)" if whole else ""
    return any(re.search(r"(?<!\w)" + re.escape(word.lower()) + end, text) for word in words)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


# --- the rules ------------------------------------------------------------------------------


@rule(
    "answers_question",
    40,
    label=_("Answers the question"),
    good=_("You answered what the buyer asked."),
    better=_("Answer what the buyer asked; read the question again and reply to it directly."),
)
def _answers_question(facts):
    text = _normal(facts.text)
    groups = [group for group in facts.keywords if group]
    hit = sum(1 for group in groups if _has_word(text, group, whole=False))
    if not groups or hit == len(groups):
        return 40, {}
    return 40 * hit // (len(groups) * 2), {}  # partly answered: half the share of each group it touches


@rule(
    "response_time",
    20,
    label=_("Quick reply"),
    good=_("A quick reply: buyers who wait buy somewhere else."),
    better=_("Reply sooner: buyers who wait buy somewhere else."),
)
def _response_time(facts):
    clock = settings.BUYERS_PRACTICE_CLOCK
    start = facts.appeared_at or facts.answered_at
    seconds = max(0, (facts.answered_at - start).total_seconds()) * clock.get("speed", 1)
    minutes = int(seconds // 60)
    if seconds <= clock["good_within_seconds"]:
        return 20, {"minutes": minutes}
    if seconds <= clock["late_after_seconds"]:
        return 10, {"minutes": minutes}
    return 0, {"minutes": minutes}


@rule(
    "greeting",
    10,
    label=_("Greeting"),
    good=_("You greeted the buyer."),
    better=_("Start with a greeting, for example “Halo kak” or “Selamat siang”."),
)
def _greeting(facts):
    return (10 if _has_word(_normal(facts.text), GREETINGS, whole=True) else 0), {}


@rule(
    "thanks",
    10,
    label=_("Thanks"),
    good=_("You thanked the buyer."),
    better=_("Thank the buyer, for example “Terima kasih sudah bertanya”."),
)
def _thanks(facts):
    return (10 if _has_word(_normal(facts.text), THANKS, whole=False) else 0), {}


@rule(
    "addresses_buyer",
    10,
    label=_("Speaks to the buyer"),
    good=_("You spoke to the buyer politely."),
    better=_("Speak to the buyer: “kak”, “bapak”, “ibu”, or their name."),
)
def _addresses_buyer(facts):
    names = [part for part in facts.buyer_name.lower().split() if len(part) >= 3]
    return (10 if _has_word(_normal(facts.text), HONORIFICS + names, whole=True) else 0), {}


@rule(
    "no_all_caps",
    10,
    label=_("No shouting"),
    good=_("Written in normal letters."),
    better=_("Do not write in capital letters: it reads like shouting."),
)
def _no_all_caps(facts):
    letters = [c for c in facts.text if c.isalpha()]
    shouting = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
    return (0 if shouting else 10), {}
