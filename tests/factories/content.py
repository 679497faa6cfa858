"""Wagtail page trees for tests: a home page with the course catalogue and the store directory."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.home.models import HomePage
from store.models import StoreIndexPage, StoreRootPage


def build_site() -> HomePage:
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    if root is None:  # a test that committed (transaction=True) flushed the tree the migrations made
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for page in root.get_children():
        if page.slug == "home":
            page.delete()
    root = Page.get_first_root_node()
    home = HomePage(title="Bekal", slug="home")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def build_course(
    *, lessons: int = 3, title: str = "Kursus Uji", slug: str | None = None, modules: int = 1, **fields
) -> CoursePage:
    """A live course of ``lessons`` lessons spread in order over ``modules`` modules (the first ones
    get the extra lessons); ``fields`` go to the CoursePage."""
    home = build_site()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Kursus", slug="kursus")
        home.add_child(instance=index)
    course = CoursePage(
        title=title, slug=slug or f"kursus-{CoursePage.objects.count() + 1}", summary="Ringkasan.", **fields
    )
    index.add_child(instance=course)
    sections = []
    for m in range(1, max(modules, 1) + 1):
        module = ModulePage(title=f"Modul {m}", slug=f"modul-{m}")
        course.add_child(instance=module)
        sections.append(module)
    per_module, extra = divmod(lessons, len(sections))
    n = 0
    for index_, module in enumerate(sections):
        for _ in range(per_module + (1 if index_ < extra else 0)):
            n += 1
            lesson = LessonPage(
                title=f"Pelajaran {n}",
                slug=f"pelajaran-{n}",
                body=[("paragraph", f"<p>Isi pelajaran {n}.</p>")],
            )
            module.add_child(instance=lesson)
    return course


def build_store(facility) -> StoreIndexPage:
    home = build_site()
    root = StoreRootPage.objects.first()
    if root is None:
        root = StoreRootPage(title="Toko", slug="toko")
        home.add_child(instance=root)
    existing = StoreIndexPage.objects.filter(facility=facility).first()
    if existing:
        return existing
    store = StoreIndexPage(title=f"Toko {facility.name}", slug=facility.code, facility=facility)
    root.add_child(instance=store)
    return store


def build_quiz(
    *,
    title: str = "Kuis Uji",
    questions: list[dict] | None = None,
    pass_mark: int = 70,
    score_policy: str = "best",
    shuffle: bool = True,
):
    """A quiz snippet. Each question dict: ``kind``, ``text`` and, per kind, ``options`` as
    ``[(text, is_correct), ...]``, ``correct_true``, or ``correct_number`` / ``tolerance``."""
    from courses.quizzes.models import Quiz, QuizOption, QuizQuestion

    questions = questions or [
        {"kind": "single", "text": "Satu jawaban?", "options": [("Benar", True), ("Salah", False), ("Lain", False)]}
    ]
    quiz = Quiz.objects.create(title=title, pass_mark=pass_mark, score_policy=score_policy, shuffle_options=shuffle)
    for n, spec in enumerate(questions):
        spec = dict(spec)
        options = spec.pop("options", [])
        question = QuizQuestion.objects.create(quiz=quiz, sort_order=n, **spec)
        for m, (text, correct) in enumerate(options):
            QuizOption.objects.create(question=question, text=text, is_correct=correct, sort_order=m)
    return quiz


def add_quiz(lesson: LessonPage, quiz, *, required: bool = True) -> str:
    """Append a quiz block to ``lesson`` and publish it; returns the block id."""
    lesson.body.append(("quiz", {"quiz": quiz, "required": required}))
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return next(block.id for block in reversed(list(lesson.body)) if block.block_type == "quiz")
