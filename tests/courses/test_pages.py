from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, LessonPage
from lms.home.models import HomePage
from store.models import ProductPage, StoreIndexPage, StoreRootPage


class CoursePageTreeTests(WagtailPageTestCase):
    """The page tree is enforced by the models: catalogue → course → lesson, nothing else."""

    def test_catalogue_lives_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_courses_hold_only_lessons(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertCanNotCreateAt(HomePage, CoursePage)

    def test_lessons_are_leaves_inside_a_course(self):
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)

    def test_course_pages_are_not_store_pages(self):
        self.assertCanNotCreateAt(CoursePage, ProductPage)
        self.assertCanNotCreateAt(StoreIndexPage, LessonPage)
        self.assertAllowedSubpageTypes(StoreRootPage, {StoreIndexPage})
        self.assertAllowedSubpageTypes(StoreIndexPage, {ProductPage})
