from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Cohort, Facility, ImportBatch, Invitation, Region, TransferRecord, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region", "timezone"]
    list_filter = ["region", "kind"]
    search_fields = ["code", "name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "role", "facility", "is_active"]
    list_filter = ["role", "facility", "is_active"]
    search_fields = ["username", "full_name", "email", "registration_number"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (
            "Bekal",
            {
                "fields": (
                    "role",
                    "facility",
                    "region",
                    "full_name",
                    "registration_number",
                    "must_change_pin",
                    "birth_year",
                    "gender",
                    "deactivated_at",
                )
            },
        ),
    )

    def has_delete_permission(self, request, obj=None):
        return False  # people are deactivated, never deleted: their records stay


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "facility"]
    list_filter = ["facility"]
    filter_horizontal = ["learners", "instructors", "courses"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is kept, never edited: these rows are written only by the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TransferRecord)
class TransferRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "learner", "from_facility", "to_facility", "actor"]
    list_filter = ["from_facility", "to_facility"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "role", "facility", "region", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "facility"]
    exclude = ["nonce"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "facility", "filename", "status", "created_count", "actor"]
    list_filter = ["status", "facility"]
    exclude = ["rows", "cards_pdf"]
