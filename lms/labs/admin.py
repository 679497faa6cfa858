from django.contrib import admin

from .models import FacilityLabSettings, LabSession, LearnerSession, Terminal


@admin.register(FacilityLabSettings)
class FacilityLabSettingsAdmin(admin.ModelAdmin):
    list_display = ["facility", "require_terminal", "require_lab_session", "idle_timeout_minutes"]


@admin.register(Terminal)
class TerminalAdmin(admin.ModelAdmin):
    list_display = ["name", "facility", "location", "active", "registered_at", "last_seen_at"]
    list_filter = ["facility", "active"]
    exclude = ["token"]


@admin.register(LabSession)
class LabSessionAdmin(admin.ModelAdmin):
    list_display = ["facility", "opened_by", "opened_at", "planned_end", "closed_at"]
    list_filter = ["facility"]


@admin.register(LearnerSession)
class LearnerSessionAdmin(admin.ModelAdmin):
    list_display = ["learner", "facility", "terminal", "started_at", "last_seen_at", "ended_at", "end_reason"]
    list_filter = ["facility", "end_reason"]
    exclude = ["session_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
