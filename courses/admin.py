from django.contrib import admin

from .models import Enrollment, LessonProgress, QuizAttempt


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["learner", "course", "source", "enrolled_at", "completed_at"]
    list_filter = ["source"]


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ["learner", "lesson", "started_at", "completed_at"]


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
    list_display = ["learner", "quiz", "score", "passed", "started_at", "submitted_at"]
    list_filter = ["passed"]
    readonly_fields = ["token", "learner", "quiz", "lesson", "seed", "answers", "score", "passed", "started_at"]
