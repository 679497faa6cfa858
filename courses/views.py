from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.decorators import learner_required

from .models import CoursePage, LessonPage, lock_message
from .selectors import course_locked_by, course_outline, is_enrolled
from .services import lesson_complete, lesson_heartbeat


@learner_required
@require_POST
def lesson_mark_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.course()
    if not is_enrolled(learner=request.user, course=course):
        messages.error(request, _("You are not enrolled in this course. Ask your instructor."))
        return redirect("learner_home")
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
        return redirect("learner_home")
    messages.success(request, _("Lesson marked as complete."))
    next_lesson = outline.next_lesson
    return redirect(next_lesson.url if next_lesson else course.url)


@learner_required
def course_resume(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    missing = course_locked_by(learner=request.user, course=course)
    if missing:
        messages.error(request, lock_message(missing))
        return redirect(course.url)
    outline = course_outline(learner=request.user, course=course)
    target = outline.next_lesson or course
    return redirect(target.url)


@learner_required
@require_POST
def lesson_heartbeat_view(request, lesson_id: int):
    """The lesson page is visible: count the time since the last beat (204), or 403 if not enrolled."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        lesson_heartbeat(learner=request.user, lesson=lesson, start=request.POST.get("kind") == "start")
    except PermissionDenied:
        return HttpResponse(status=403)
    return HttpResponse(status=204)
