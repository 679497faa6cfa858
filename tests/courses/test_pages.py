from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from lms.home.models import HomePage
from store.models import ProductPage, StoreIndexPage, StoreRootPage


class CoursePageTreeTests(WagtailPageTestCase):
    """The page tree is enforced by the models: catalogue → course → module → lesson, nothing else."""

    def test_catalogue_lives_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_courses_hold_only_modules(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)

    def test_modules_hold_only_lessons(self):
        self.assertCanCreateAt(CoursePage, ModulePage)
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)

    def test_lessons_are_leaves_inside_a_module(self):
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)

    def test_course_pages_are_not_store_pages(self):
        self.assertCanNotCreateAt(CoursePage, ProductPage)
        self.assertCanNotCreateAt(StoreIndexPage, LessonPage)
        self.assertAllowedSubpageTypes(StoreRootPage, {StoreIndexPage})
        self.assertAllowedSubpageTypes(StoreIndexPage, {ProductPage})
