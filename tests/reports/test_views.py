import pytest
from django.urls import reverse

from courses.models import Enrollment
from courses.selectors import course_lessons
from courses.services import lesson_complete, lesson_heartbeat
from lms.accounts.models import Cohort
from tests.factories import InstructorFactory, LearnerFactory, build_course


@pytest.fixture
def world():
    course = build_course(lessons=3, title="Jualan Online")
    learner = LearnerFactory(full_name="@SUM(A1)")
    instructor = InstructorFactory(facility=learner.facility, cohort_learners=[learner])
    cohort = Cohort.objects.get(instructors=instructor)
    cohort.courses.add(course)
    Enrollment.objects.create(learner=learner, course=course)
    lesson_complete(learner=learner, lesson=course_lessons(course)[0])
    return course, learner, instructor, cohort


@pytest.mark.django_db
def test_grid_page_says_each_state_in_words(client, world):
    course, learner, instructor, cohort = world
    client.force_login(instructor)
    html = client.get(reverse("officer_cohort_progress", args=[cohort.pk, course.pk])).content.decode()
    assert "✓ selesai" in html and "– belum mulai" in html
    assert learner.registration_number in html


@pytest.mark.django_db
def test_grid_csv_download(client, world):
    course, _learner, instructor, cohort = world
    client.force_login(instructor)
    response = client.get(reverse("officer_cohort_progress_csv", args=[cohort.pk, course.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "'@SUM(A1)" in body
    assert "selesai" in body


@pytest.mark.django_db
def test_grid_of_a_course_not_assigned_to_the_cohort_is_missing(client, world):
    _course, _learner, instructor, cohort = world
    other = build_course(lessons=1, title="Lain")
    client.force_login(instructor)
    assert client.get(reverse("officer_cohort_progress", args=[cohort.pk, other.pk])).status_code == 404


@pytest.mark.django_db
def test_learner_learning_page_shows_time_on_task(client, world):
    course, learner, instructor, _cohort = world
    from datetime import timedelta

    from django.utils import timezone

    lesson = course_lessons(course)[0]
    t0 = timezone.now()
    lesson_heartbeat(learner=learner, lesson=lesson, start=True, now=t0)
    for n in range(1, 5):
        lesson_heartbeat(learner=learner, lesson=lesson, now=t0 + timedelta(seconds=30 * n))
    client.force_login(instructor)
    html = client.get(reverse("officer_learner_learning", args=[learner.pk])).content.decode()
    assert "2 menit" in html
    assert course.title in html


@pytest.mark.django_db
def test_learner_home_has_one_continue_button_to_the_next_lesson(client, world):
    course, learner, _instructor, _cohort = world
    second = build_course(lessons=2, title="Literasi Digital")
    Enrollment.objects.create(learner=learner, course=second)
    client.force_login(learner)
    response = client.get(reverse("learner_home"))
    html = response.content.decode()
    assert html.count("btn-primary btn-big") == 1
    assert course_lessons(course)[1].url in html  # the course worked on, its next lesson
    assert response.context["resume"][0].course == course
