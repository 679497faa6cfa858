"""Pure scoring: read what the learner chose from the POST, score it against the quiz. No database writes.

Only the learner's choices are read from the submitted data (``q<question id>`` fields: option ids,
``true``/``false``, or a number as typed); anything else in the POST, such as a "score" field, is
ignored. Every question weighs the same; the quiz score is the mean of question points, in percent.

Points per question, from 0 to 1:

* single choice, true/false: 1 if the chosen answer is right, else 0 (no answer: 0);
* multiple choice: partial credit, ``(right options ticked − wrong options ticked) / right options``,
  never below 0. Ticking every option therefore earns nothing, ticking exactly the right ones earns 1,
  and half of the right ones with no wrong one earns 0.5. Only a full 1 counts as "correct" for feedback;
* number: 1 if ``|answer − correct| ≤ tolerance``, else 0. Answers are typed the Indonesian way
  ("15.000", "Rp15.000", "15.000,50") or plainly ("15000", "15000.5"); see :func:`parse_number`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .models import Quiz, QuizOption, QuizQuestion

_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")


def parse_number(text: str | None) -> Decimal | None:
    """Read a number as a learner types it; None when it is not a number.

    Indonesian writing uses "." between thousands and "," before decimals: "15.000" is fifteen
    thousand, "2,5" two and a half. When only one kind of mark appears, marks that split the digits
    into groups of three are thousands separators ("15.000", "1.250.000", "15,000"), any other is the
    decimal mark ("2,5", "15.5"). When both appear, the last one is the decimal mark ("1.250,75").
    "Rp", spaces, and a trailing ",-" or ".-" are dropped.
    """
    if text is None:
        return None
    s = str(text).strip().replace("\u00a0", "").replace(" ", "")
    s = re.sub(r"^rp\.?", "", s, flags=re.IGNORECASE)
    s = re.sub(r"[,.]-$", "", s)
    negative = s.startswith("-")
    if negative:
        s = s[1:]
    if not s or not re.fullmatch(r"[\d.,]+", s) or not re.search(r"\d", s):
        return None
    if "." in s and "," in s:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        integer, _, fraction = s.rpartition(decimal_mark)
        if decimal_mark in integer:
            return None
        s = integer.replace(thousands, "") + "." + fraction
    elif "." in s:
        s = s.replace(".", "") if _THOUSANDS_DOT.match(s) else s
    elif "," in s:
        s = s.replace(",", "") if _THOUSANDS_COMMA.match(s) else s.replace(",", ".")
    if s.count(".") > 1 or s.startswith(".") or s.endswith("."):
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if negative else value


def ordered_options(question: QuizQuestion, *, seed: int, shuffle: bool) -> list[QuizOption]:
    """The options of ``question`` in the order this attempt shows them (same seed, same order)."""
    options = sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk))
    if shuffle:
        random.Random(f"{seed}:{question.pk}").shuffle(options)
    return options


@dataclass
class QuestionResult:
    question_id: int
    given: list[int] | str | None
    points: Decimal
    chosen_option_ids: list[int] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.points == 1

    def as_json(self) -> dict:
        return {"given": self.given, "points": str(self.points)}


@dataclass
class Grade:
    results: dict[int, QuestionResult]
    score: Decimal  # percent, two decimals
    passed: bool

    def answers_json(self) -> dict:
        return {str(qid): result.as_json() for qid, result in self.results.items()}


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _int_ids(values: list[str]) -> set[int]:
    ids = set()
    for value in values:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def grade_question(question: QuizQuestion, data: Mapping) -> QuestionResult:
    name = f"q{question.pk}"
    getlist = data.getlist if hasattr(data, "getlist") else (lambda key: _as_list(data.get(key)))
    if question.kind == QuizQuestion.Kind.NUMBER:
        # What was typed is kept with the attempt: control characters (a NUL byte cannot be stored in
        # PostgreSQL's JSON) are dropped first.
        typed = "".join(ch for ch in str(data.get(name) or "") if ch.isprintable()).strip()[:40]
        value = parse_number(typed)
        right = (
            value is not None
            and question.correct_number is not None
            and abs(value - question.correct_number) <= (question.tolerance or 0)
        )
        return QuestionResult(question.pk, typed or None, Decimal(1 if right else 0))
    if question.kind == QuizQuestion.Kind.TRUE_FALSE:
        typed = data.get(name)
        given = {"true": True, "false": False}.get(typed)
        right = given is not None and given == question.correct_true
        return QuestionResult(question.pk, typed if given is not None else None, Decimal(1 if right else 0))
    options = {option.pk: option for option in question.options.all()}
    chosen = sorted(_int_ids(getlist(name)) & options.keys())  # ids of other questions' options are ignored
    if question.kind == QuizQuestion.Kind.SINGLE:
        chosen = chosen if len(chosen) == 1 else []  # two answers to a one-answer question: none
        right = bool(chosen) and options[chosen[0]].is_correct
        return QuestionResult(question.pk, chosen or None, Decimal(1 if right else 0), chosen)
    correct_ids = {pk for pk, option in options.items() if option.is_correct}
    hits = len(correct_ids.intersection(chosen))
    misses = len(set(chosen) - correct_ids)
    points = Decimal(max(0, hits - misses)) / Decimal(len(correct_ids)) if correct_ids else Decimal(0)
    points = points.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return QuestionResult(question.pk, chosen or None, points, chosen)


def grade_quiz(quiz: Quiz, data: Mapping) -> Grade:
    questions = list(quiz.questions.all())
    results = {question.pk: grade_question(question, data) for question in questions}
    total = sum((result.points for result in results.values()), Decimal(0))
    score = (Decimal(100) * total / len(questions)) if questions else Decimal(0)
    score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Grade(results=results, score=score, passed=bool(questions) and score >= quiz.pass_mark)
