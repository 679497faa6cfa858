"""The ``quiz`` block of lesson bodies: places a Quiz snippet in a lesson, required or optional."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("courses.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Required to finish the course"),
        required=False,
        default=True,
        help_text=_("Learners must pass a required quiz before the course counts as complete."),
    )

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "blocks/quiz.html"
