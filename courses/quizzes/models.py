"""Quizzes authored as Wagtail snippets, and every learner's attempts at them.

Why a snippet (``Quiz`` with inline questions and options) and not a StreamBlock inside the lesson:
attempts must point at *stable* question and option ids. Rows in ``QuizQuestion``/``QuizOption``
keep their primary keys while an officer edits wording, so an attempt's answers JSON
(``{question id: {...}}``) still means the same thing after an edit; StreamField values are rewritten
on every page revision and live in page revisions (draft/publish), which would make "which question did
this learner answer?" depend on revision history. A snippet can also be reused in several lessons and
is listed, searched and edited in one place. The lesson body only *places* a quiz with the ``quiz``
block (``courses.quizzes.blocks.QuizBlock``), which carries the per-placement "required" flag.

These models live in the ``courses`` app (imported by ``courses.models``); the sub-package only keeps
the quiz code together.
"""

from __future__ import annotations

import random
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .forms import QuizAdminForm


class Quiz(index.Indexed, ClusterableModel):
    class ScorePolicy(models.TextChoices):
        BEST = "best", _("best attempt counts")
        LAST = "last", _("last attempt counts")

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the questions."))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    score_policy = models.CharField(
        _("score policy"), max_length=4, choices=ScorePolicy.choices, default=ScorePolicy.BEST
    )
    shuffle_options = models.BooleanField(
        _("shuffle answer options"),
        default=True,
        help_text=_("Each attempt shows the options in its own order (kept when the page is reloaded)."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("score_policy"), FieldPanel("shuffle_options")],
            heading=_("Scoring"),
        ),
        InlinePanel("questions", label=_("Questions"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = QuizAdminForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(Orderable, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        TRUE_FALSE = "true_false", _("true or false")
        NUMBER = "number", _("number answer")

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("question type"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"))
    correct_true = models.BooleanField(
        _("the statement is true"), default=True, help_text=_("Only for true-or-false questions.")
    )
    correct_number = models.DecimalField(
        _("correct number"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for number questions, e.g. 45000 for Rp45.000."),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Only for number questions: answers this far from the correct number still count."),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("Shown next to the box, e.g. Rp."))
    feedback_correct = models.TextField(_("feedback when right"), blank=True)
    feedback_wrong = models.TextField(_("feedback when wrong"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        InlinePanel("options", label=_("Options (single and multiple choice)")),
        FieldPanel("correct_true"),
        MultiFieldPanel(
            [FieldPanel("correct_number"), FieldPanel("tolerance"), FieldPanel("unit")],
            heading=_("Number answer"),
        ),
        FieldPanel("feedback_correct"),
        FieldPanel("feedback_wrong"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_choice(self) -> bool:
        return self.kind in {self.Kind.SINGLE, self.Kind.MULTIPLE}


class QuizOption(Orderable):
    question = ParentalKey(QuizQuestion, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback when chosen"), max_length=300, blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


def _new_seed() -> int:
    return random.SystemRandom().randrange(1, 2**31)


class QuizAttempt(models.Model):
    """One try at a quiz. Opened when the learner sees the form, closed (graded) when submitted.

    Attempts are never overwritten or deleted: the quiz's score policy picks which one counts. The
    ``token`` travels in a hidden field so a form posted twice closes the same attempt once; the
    ``seed`` fixes the option order of this attempt. At most one attempt per learner and quiz is open.
    """

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts", verbose_name=_("learner")
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz"))
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz_attempts",
        verbose_name=_("lesson"),
    )
    seed = models.PositiveIntegerField(_("shuffle seed"), default=_new_seed)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"], condition=Q(submitted_at__isnull=True), name="one_open_quiz_attempt"
            )
        ]
        indexes = [models.Index(fields=["learner", "quiz", "submitted_at"], name="quiz_attempt_lookup")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.quiz} · {self.score}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None
