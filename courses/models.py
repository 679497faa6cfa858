"""Course content as Wagtail pages, and each learner's enrolment and lesson progress.

Officers author CourseIndexPage → CoursePage → ModulePage (a section) → LessonPage in the Wagtail
admin; the models enforce that tree. Progress is one
row per learner and lesson (LessonProgress); course progress is computed by ``selectors``. Quizzes
(snippets placed in lesson bodies) and their attempts live in ``courses.quizzes``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from lms.accounts import permissions

from .blocks import LessonBodyBlock


class CourseIndexPage(Page):
    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = gettext_lazy("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.child_of(self).live()
        if not permissions.is_officer(request.user):  # officers' courses are not shown to learners
            courses = courses.exclude(audience=CoursePage.Audience.OFFICERS)
        context["courses"] = courses
        return context

    def route(self, request, path_components):
        """Find a course, module or lesson in one query by its URL path (not one level at a time).

        Wagtail's own routing costs two queries per level; a lesson sits three levels down."""
        models_by_depth = {1: CoursePage, 2: ModulePage, 3: LessonPage}
        model = models_by_depth.get(len(path_components))
        if model is None:
            return super().route(request, path_components)
        url_path = self.url_path + "".join(f"{component}/" for component in path_components)
        page = model.objects.filter(url_path=url_path, live=True).first()
        if page is None:
            raise Http404
        return RouteResult(page)


class LearnerOnlyPage(Page):
    """A page for signed-in learners (enrolled in the course) and officers; never public."""

    class Meta:
        abstract = True

    locks_content = True  # a course's own page stays open, to explain its lock
    course_depth = 0  # how many levels below its course this page sits

    @property
    def url(self):
        """Wagtail's URL, or the one worked out when the course structure was cached (``selectors``)."""
        return self.__dict__.get("cached_url") or super().url

    @property
    def course_path(self) -> str:
        return self.path[: len(self.path) - self.course_depth * self.steplen]

    def course(self) -> "CoursePage":
        """The course this page belongs to, read by its tree path (shared cache, or one query)."""
        if not hasattr(self, "_course"):
            from .selectors import course_at

            self._course = course_at(self.course_path).course
        return self._course

    def get_view_restrictions(self):
        """Wagtail's privacy settings of this page and its ancestors, in one query (by tree path),
        kept in the content cache until any course content or restriction changes."""
        from wagtail.models import PageViewRestriction

        from .caching import cached

        if self.alias_of_id:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return cached(
            f"restrictions:{self.path}", lambda: list(PageViewRestriction.objects.filter(page__path__in=paths))
        )

    def refuse(self, request):
        """A redirect for anyone who may not see this page, or None.

        Learners see the courses they are enrolled in (and made for them). Officers see every
        course (they author and review it); in a course they are enrolled in they learn like any
        learner (``learning``: progress, quizzes and completion count)."""
        from .selectors import course_locked_by, learner_enrollment

        user = request.user
        self.learning = False
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse(settings.LEARNER_LOGIN_URL))
        learner = permissions.is_learner(user)
        if not learner and not permissions.is_officer(user):
            return redirect("/")
        enrollment = learner_enrollment(learner=user, course_path=self.course_path)
        if enrollment is not None and not enrollment.course.is_for(user):
            enrollment = None  # e.g. a learner enrolled in an officers' course by mistake
        if enrollment is None:
            if learner:
                messages.error(request, _("You are not enrolled in this course. Ask your instructor."))
                return redirect("learner_home")
            return None  # an officer's preview
        self.learning = True
        if self.course_depth:
            self._course = enrollment.course  # read with the enrolment; saves a query
        self._locked = enrollment.locked
        if self.locks_content and enrollment.locked:
            messages.error(request, lock_message(course_locked_by(learner=user, course=self.course())))
            return redirect(self.course().url)
        return None

    def serve(self, request, *args, **kwargs):
        return self.refuse(request) or super().serve(request, *args, **kwargs)


def lock_message(missing: list) -> str:
    """ "Selesaikan dulu kursus X": why a course is locked, naming the prerequisites not yet done."""
    titles = ", ".join(f"“{course.title}”" for course in missing)
    return _("This course is locked. First finish the course %(courses)s.") % {"courses": titles}


class CoursePageForm(WagtailAdminPageForm):
    """The course editor: prerequisites that would make a loop are refused with a clear message
    (the chosen prerequisites reach the page only after validation, so the form checks them)."""

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("prerequisites")
        if chosen is not None:
            error = self.instance.prerequisites_error([course.pk for course in chosen])
            if error:
                self.add_error("prerequisites", error)
        return cleaned


class CoursePage(LearnerOnlyPage):
    class Audience(models.TextChoices):
        LEARNERS = "learners", gettext_lazy("Learners (WBP)")
        OFFICERS = "officers", gettext_lazy("Officers")
        BOTH = "both", gettext_lazy("Learners and officers")

    class CompletionRule(models.TextChoices):
        LESSONS_QUIZZES = "lessons_quizzes", gettext_lazy("All required lessons done and required quizzes passed")
        WITH_PRACTICUM = (
            "with_practicum",
            gettext_lazy(
                "Required lessons and quizzes, and an approved practice listing if the course has a practicum task"
            ),
        )

    summary = models.TextField(gettext_lazy("summary"), max_length=600)
    audience = models.CharField(
        gettext_lazy("audience"), max_length=10, choices=Audience.choices, default=Audience.LEARNERS
    )
    estimated_hours = models.PositiveSmallIntegerField(gettext_lazy("estimated hours"), default=1)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("cover image"),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name=gettext_lazy("prerequisites"),
        help_text=gettext_lazy("Courses a learner must finish before this one opens."),
    )
    completion_rule = models.CharField(
        gettext_lazy("completion rule"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.WITH_PRACTICUM,
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        verbose_name=gettext_lazy("certificate template"),
        help_text=gettext_lazy("How this course's certificates look. Empty: the standard design."),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    base_form_class = CoursePageForm
    locks_content = False
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("estimated_hours"), FieldPanel("prerequisites")],
            heading=gettext_lazy("Who and how long"),
        ),
        MultiFieldPanel(
            [FieldPanel("completion_rule"), FieldPanel("certificate_template")], heading=gettext_lazy("Completion")
        ),
    ]

    class Meta:
        verbose_name = gettext_lazy("course")
        verbose_name_plural = gettext_lazy("courses")

    def course(self) -> "CoursePage":
        return self

    def is_for(self, user) -> bool:
        """Whether the course's audience includes ``user`` (learners: WBP courses; officers: theirs)."""
        if permissions.is_learner(user):
            return self.audience in (self.Audience.LEARNERS, self.Audience.BOTH)
        return permissions.is_officer(user) and self.audience in (self.Audience.OFFICERS, self.Audience.BOTH)

    def clean(self):
        super().clean()
        error = self.prerequisites_error([getattr(p, "pk", p) for p in self.prerequisites.all()])
        if error:
            raise ValidationError({"prerequisites": error})

    def prerequisites_error(self, chosen: list[int]) -> str | None:
        """Why ``chosen`` cannot be this course's prerequisites, or None. A course cannot require
        itself, neither directly nor through other courses (A needs B, B needs A): no one could start it."""
        if not self.pk or not chosen:
            return None
        if self.pk in chosen:
            return _("A course cannot be its own prerequisite.")
        loop = self.prerequisite_loop(chosen)
        if not loop:
            return None
        titles = dict(CoursePage.objects.filter(pk__in=loop).values_list("pk", "title"))
        path = " → ".join(f"“{titles.get(pk, self.title)}”" for pk in [self.pk, *loop])
        return _(
            "These prerequisites make a loop: %(path)s. A course cannot require itself, "
            "directly or through other courses; remove one of them."
        ) % {"path": path}

    def prerequisite_loop(self, chosen: list[int]) -> list[int]:
        """The courses leading from a chosen prerequisite back to this one (ending with this one), or []."""
        edges: dict[int, list[int]] = {}
        through = CoursePage.prerequisites.through.objects.exclude(from_coursepage_id=self.pk)
        for source, target in through.values_list("from_coursepage_id", "to_coursepage_id"):
            edges.setdefault(source, []).append(target)
        came_from: dict[int, int | None] = {pk: None for pk in chosen}
        queue = list(chosen)
        while queue:
            current = queue.pop(0)
            if current == self.pk:
                path = []
                node: int | None = current
                while node is not None:
                    path.append(node)
                    node = came_from[node]
                return path[::-1]
            for target in edges.get(current, []):
                if target not in came_from:
                    came_from[target] = current
                    queue.append(target)
        return []

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_locked_by, course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(learner=request.user, course=self)
        context["learning"] = getattr(self, "learning", False)
        context["can_join"] = (
            not context["learning"] and permissions.is_officer(request.user) and self.is_for(request.user)
        )
        locked = getattr(self, "_locked", False)  # read with the enrolment in refuse()
        missing = course_locked_by(learner=request.user, course=self) if locked else []
        context["locked_by"] = missing
        context["lock_message"] = lock_message(missing) if missing else ""
        return context


class ModulePage(LearnerOnlyPage):
    """A section of a course: a title, a short introduction and its lessons in order."""

    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    course_depth = 1

    class Meta:
        verbose_name = gettext_lazy("module")
        verbose_name_plural = gettext_lazy("modules")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.course()
        outline = course_outline(learner=request.user, course=course)
        context.update(course=course, outline=outline, section=outline.section_of(self))
        return context


class LessonPage(LearnerOnlyPage):
    minutes = models.PositiveSmallIntegerField(gettext_lazy("reading time (minutes)"), default=10)
    required = models.BooleanField(
        gettext_lazy("required"),
        default=True,
        help_text=gettext_lazy("Learners must finish a required lesson to complete the course."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=gettext_lazy("body"))

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("required"), FieldPanel("body")]

    class Meta:
        verbose_name = gettext_lazy("lesson")
        verbose_name_plural = gettext_lazy("lessons")

    course_depth = 2

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
        panels = quiz_panels(request, self, preview=quiz_preview)
        outline = course_outline(learner=request.user, course=course)
        item = outline.item_of(self)
        learning = getattr(self, "learning", False)
        if learning and (item is None or not item.started):
            lesson_open(learner=request.user, lesson=self)  # the first visit records the start
            if item is not None:
                item.started = True
        context.update(
            course=course,
            outline=outline,
            position=outline.position_of(self),
            body=self.body_parts(request, panels),
            has_quiz=bool(panels),
            learning=learning,
        )
        return context

    def body_parts(self, request, panels) -> list[tuple]:
        """(block, quiz panel, HTML) per block; the HTML of blocks that look the same for everyone
        comes from the shared cache, rendered once per revision and language."""
        from .caching import lesson_body_html

        def render(blocks):
            context = {"page": self, "request": request}
            return {block.id: block.render(context=context) for block in blocks}

        html = lesson_body_html(self, render)
        return [(block, panels.get(block.id), html.get(block.id)) for block in self.body]


class Enrollment(models.Model):
    class Source(models.TextChoices):
        COHORT = "cohort", gettext_lazy("through a cohort")
        INDIVIDUAL = "individual", gettext_lazy("individually")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=gettext_lazy("learner"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrollments", verbose_name=gettext_lazy("course")
    )
    source = models.CharField(gettext_lazy("source"), max_length=12, choices=Source.choices, default=Source.COHORT)
    enrolled_at = models.DateTimeField(gettext_lazy("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(gettext_lazy("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("enrolment")
        verbose_name_plural = gettext_lazy("enrolments")
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="unique_enrollment")]

    def __str__(self) -> str:
        return f"{self.learner} → {self.course}"


class LessonProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lesson_progress",
        verbose_name=gettext_lazy("learner"),
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.CASCADE, related_name="progress", verbose_name=gettext_lazy("lesson")
    )
    started_at = models.DateTimeField(gettext_lazy("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(gettext_lazy("completed at"), null=True, blank=True)
    # Time on task: the lesson page's heartbeat adds the time between two beats (capped) while the
    # page is visible; ``last_seen_at`` is the last beat (see ``services.lesson_heartbeat``).
    seconds_on_task = models.PositiveIntegerField(gettext_lazy("time on task (seconds)"), default=0)
    last_seen_at = models.DateTimeField(gettext_lazy("last seen at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("lesson progress")
        verbose_name_plural = gettext_lazy("lesson progress")
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
    "ModulePage",
    "Quiz",
    "QuizAttempt",
    "QuizOption",
    "QuizQuestion",
]
