"""Course content as Wagtail pages, and each learner's enrolment and lesson progress.

Officers author CourseIndexPage → CoursePage → LessonPage in the Wagtail admin. Progress is one
row per learner and lesson (LessonProgress); course progress is computed by ``selectors``. Quizzes
(snippets placed in lesson bodies) and their attempts live in ``courses.quizzes``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from lms.accounts import permissions

from .blocks import LessonBodyBlock


class CourseIndexPage(Page):
    intro = models.TextField(_l("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _l("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().specific()
        return context


class LearnerOnlyPage(Page):
    """A page for signed-in learners (enrolled in the course) and officers; never public."""

    class Meta:
        abstract = True

    def course(self) -> "CoursePage":
        raise NotImplementedError

    def refuse(self, request):
        """A redirect for anyone who may not see this page, or None."""
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse(settings.LEARNER_LOGIN_URL))
        if permissions.is_learner(user):
            from .selectors import is_enrolled

            if not is_enrolled(learner=user, course=self.course()):
                messages.error(request, _("You are not enrolled in this course. Ask your instructor."))
                return redirect("learner_home")
        elif not permissions.is_officer(user):
            return redirect("/")
        return None

    def serve(self, request, *args, **kwargs):
        return self.refuse(request) or super().serve(request, *args, **kwargs)


class CoursePage(LearnerOnlyPage):
    summary = models.TextField(_l("summary"), max_length=600)
    estimated_hours = models.PositiveSmallIntegerField(_l("estimated hours"), default=1)
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        verbose_name=_l("certificate template"),
        help_text=_l("How this course's certificates look. Empty: the standard design."),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_hours"),
        FieldPanel("certificate_template"),
    ]

    class Meta:
        verbose_name = _l("course")
        verbose_name_plural = _l("courses")

    def course(self) -> "CoursePage":
        return self

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(learner=request.user, course=self)
        return context


class LessonPage(LearnerOnlyPage):
    minutes = models.PositiveSmallIntegerField(_l("reading time (minutes)"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_l("body"))

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("body")]

    class Meta:
        verbose_name = _l("lesson")
        verbose_name_plural = _l("lessons")

    def course(self) -> "CoursePage":
        return self.get_parent().specific

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and "quiz_block" in request.POST:
            from .quizzes.views import quiz_post

            return self.refuse(request) or quiz_post(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, quiz_preview=None, **kwargs):
        from .quizzes.views import quiz_panels
        from .selectors import course_outline
        from .services import lesson_open

        context = super().get_context(request, *args, **kwargs)
        course = self.course()
        if permissions.is_learner(request.user):
            lesson_open(learner=request.user, lesson=self)
        panels = quiz_panels(request, self, preview=quiz_preview)
        outline = course_outline(learner=request.user, course=course)
        context.update(
            course=course,
            outline=outline,
            position=outline.position_of(self),
            body=[(block, panels.get(block.id)) for block in self.body],
            has_quiz=bool(panels),
        )
        return context


class Enrollment(models.Model):
    class Source(models.TextChoices):
        COHORT = "cohort", _l("through a cohort")
        INDIVIDUAL = "individual", _l("individually")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_l("learner")
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_l("course")
    )
    source = models.CharField(_l("source"), max_length=12, choices=Source.choices, default=Source.COHORT)
    enrolled_at = models.DateTimeField(_l("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_l("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _l("enrolment")
        verbose_name_plural = _l("enrolments")
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="unique_enrollment")]

    def __str__(self) -> str:
        return f"{self.learner} → {self.course}"


class LessonProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lesson_progress", verbose_name=_l("learner")
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress", verbose_name=_l("lesson"))
    started_at = models.DateTimeField(_l("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(_l("completed at"), null=True, blank=True)
    # Time on task: the lesson page's heartbeat adds the time between two beats (capped) while the
    # page is visible; ``last_seen_at`` is the last beat (see ``services.lesson_heartbeat``).
    seconds_on_task = models.PositiveIntegerField(_l("time on task (seconds)"), default=0)
    last_seen_at = models.DateTimeField(_l("last seen at"), null=True, blank=True)

    class Meta:
        verbose_name = _l("lesson progress")
        verbose_name_plural = _l("lesson progress")
        constraints = [models.UniqueConstraint(fields=["learner", "lesson"], name="unique_lesson_progress")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.lesson}"


from .quizzes.models import Quiz, QuizAttempt, QuizOption, QuizQuestion  # noqa: E402  (models of this app)

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LessonPage",
    "LessonProgress",
    "Quiz",
    "QuizAttempt",
    "QuizOption",
    "QuizQuestion",
]
