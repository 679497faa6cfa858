"""Build the curriculum's Wagtail pages from the data modules; safe to run again.

Pages are found by slug and created only when missing, so a second run adds nothing and an
officer's later edits in the admin are kept. Every page created here is published through a saved
revision. Two functions are the only places that know the page tree and the block set:

* :func:`add_module` finds or creates the ModulePage a module's lessons go under;
* :func:`stream_block` turns one block spec of the data modules into StreamField data.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.moderation import course_review_workflow_ensure
from lms.home import demo_images

from . import COURSES

COURSE_FIELDS = ("title", "slug", "summary", "estimated_hours")
AUDIENCES = {
    "wbp": CoursePage.Audience.LEARNERS,
    "officers": CoursePage.Audience.OFFICERS,
    "both": CoursePage.Audience.BOTH,
}


def add_module(course_page: CoursePage, *, title: str, intro: str) -> ModulePage:
    """The module ``title`` of the course (found by its slug, else created and published)."""
    slug = slugify(title)[:80] or "modul"
    module = ModulePage.objects.child_of(course_page).filter(slug=slug).first()
    return module or _publish_child(course_page, ModulePage(title=title, slug=slug, intro=intro))


def _image(picture: str):
    Image = get_image_model()
    title = f"Ilustrasi: {picture}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    return Image.objects.create(title=title, file=ContentFile(demo_images.PICTURES[picture](), name=f"{picture}.png"))


def stream_block(kind: str, value) -> tuple[str, object]:
    """One ``(block type, value)`` pair of LessonPage.body for a block spec of the data modules.

    Specs: ``("heading", text)``, ``("paragraph", html)``, ``("image", {"picture", "caption"})``,
    ``("callout", {"tone": "tip" | "warning", "text": inline html})`` and
    ``("practicum", {"title", "instructions": inline html})``.
    """
    if kind in {"heading", "paragraph"}:
        return kind, value
    if kind == "image":
        return "image", {"image": _image(value["picture"]), "caption": value["caption"], "alt_text": value["caption"]}
    if kind == "callout":
        return "callout", {"kind": value["tone"], "text": f"<p>{value['text']}</p>"}
    if kind == "practicum":
        return "practicum", {"title": value["title"], "instructions": f"<p>{value['instructions']}</p>"}
    raise ValueError(f"unknown block spec {kind!r}")


def course_index(home: Page) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Kursus", slug="kursus", intro="Kursus yang tersedia di Bekal.")
        home.add_child(instance=index)
        index.save_revision().publish()
    course_review_workflow_ensure(catalogue=index)
    return index


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def course_build(*, index: CourseIndexPage, spec: dict) -> CoursePage:
    """The course of ``spec`` with every lesson it names (missing ones created and published)."""
    course = CoursePage.objects.filter(slug=spec["slug"]).first()
    if course is None:
        fields = {name: spec[name] for name in COURSE_FIELDS}
        course = _publish_child(index, CoursePage(audience=AUDIENCES[spec["audience"]], **fields))
    for module in spec["modules"]:
        parent = add_module(course, title=module["title"], intro=module["intro"])
        for lesson in module["lessons"]:
            existing = LessonPage.objects.descendant_of(course).filter(slug=lesson["slug"]).first()
            if existing is not None:
                if existing.depth == course.depth + 1:  # an install from before modules: into its module
                    existing.move(parent, pos="last-child")
                continue
            body = [stream_block(kind, value) for kind, value in lesson["body"]]
            _publish_child(
                parent, LessonPage(title=lesson["title"], slug=lesson["slug"], minutes=lesson["minutes"], body=body)
            )
    return course


def quizzes_place(*, course: CoursePage, specs: list[dict]) -> None:
    """Each quiz created once (found by its title) and placed once, required, at the end of its lesson."""
    from courses.quizzes.models import Quiz, QuizOption, QuizQuestion
    from courses.quizzes.selectors import lesson_quiz_refs

    for spec in specs:
        quiz = Quiz.objects.filter(title=spec["title"]).first()
        if quiz is None:
            quiz = Quiz.objects.create(
                title=spec["title"], intro=spec["intro"], pass_mark=spec["pass_mark"], score_policy=spec["score_policy"]
            )
            for n, question_spec in enumerate(spec["questions"]):
                fields = {k: v for k, v in question_spec.items() if k != "options"}
                question = QuizQuestion.objects.create(quiz=quiz, sort_order=n, **fields)
                for m, (text, correct, feedback) in enumerate(question_spec.get("options", [])):
                    QuizOption.objects.create(
                        question=question, text=text, is_correct=correct, feedback=feedback, sort_order=m
                    )
        lesson = LessonPage.objects.descendant_of(course).filter(slug=spec["lesson"]).first()
        if lesson is None or quiz.pk in {ref.quiz_id for ref in lesson_quiz_refs(lesson)}:
            continue
        lesson.body.append(("quiz", {"quiz": quiz, "required": spec.get("required", True)}))
        lesson.save_revision().publish()


def curriculum_build(*, home: Page) -> dict[str, CoursePage]:
    """Every course of the curriculum by slug, in the order of ``COURSES``, with its quizzes placed."""
    index = course_index(home)
    built = {}
    for spec, quizzes in COURSES:
        course = course_build(index=index, spec=spec)
        quizzes_place(course=course, specs=quizzes)
        built[spec["slug"]] = course
    return built
