from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts import permissions

from .models import CoursePage, LessonPage, lock_message
from .selectors import course_locked_by, course_outline, is_enrolled
from .services import enrollment_join, lesson_complete, lesson_heartbeat


def learning_required(view):
    """Signed in as someone who learns: a learner (with their own PIN), or an officer (officers
    take the courses made for them like any learner)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not permissions.can(user, "course.learn"):
            return redirect("learner_login")
        if permissions.is_learner(user) and user.must_change_pin:
            return redirect("learner_pin_change")
        return view(request, *args, **kwargs)

    return login_required(wrapper, login_url="learner_login")


def _home(user) -> str:
    return "learner_home" if permissions.is_learner(user) else "officer_home"


@learning_required
@require_POST
def lesson_mark_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.course()
    if not is_enrolled(learner=request.user, course=course) or not course.is_for(request.user):
        messages.error(request, _("You are not enrolled in this course. Ask your instructor."))
        return redirect(_home(request.user))
    missing = course_locked_by(learner=request.user, course=course)
    if missing:
        messages.error(request, lock_message(missing))
        return redirect(course.url)
    lesson_complete(learner=request.user, lesson=lesson)
    outline = course_outline(learner=request.user, course=course)
    if outline.position_of(lesson)["quizzes_pending"]:
        messages.info(request, _("Now pass the quiz in this lesson to finish it."))
        return redirect(lesson.url)
    if outline.is_complete:
        messages.success(
            request,
            _("Congratulations! You finished the course “%(course)s”. Your certificate is being prepared.")
            % {"course": course.title},
        )
        return redirect(_home(request.user))
    messages.success(request, _("Lesson marked as complete."))
    next_lesson = outline.next_lesson
    return redirect(next_lesson.url if next_lesson else course.url)


@learning_required
def course_resume(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    missing = course_locked_by(learner=request.user, course=course)
    if missing:
        messages.error(request, lock_message(missing))
        return redirect(course.url)
    outline = course_outline(learner=request.user, course=course)
    target = outline.next_lesson or course
    return redirect(target.url)


@learning_required
@require_POST
def lesson_heartbeat_view(request, lesson_id: int):
    """The lesson page is visible: count the time since the last beat (204), or 403 if not enrolled."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        lesson_heartbeat(learner=request.user, lesson=lesson, start=request.POST.get("kind") == "start")
    except PermissionDenied:
        return HttpResponse(status=403)
    return HttpResponse(status=204)


@learning_required
@require_POST
def course_join(request, course_id: int):
    """An officer enrols in a course made for officers (learners are enrolled by their instructor)."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrollment_join(officer=request.user, course=course)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [])) or _("You cannot enrol in this course."))
        return redirect(course.url)
    messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return redirect("course_resume", course_id=course.pk)
