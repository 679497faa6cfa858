from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Cohort, Facility, Region, User


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
        ("Bekal", {"fields": ("role", "facility", "region", "full_name", "registration_number", "must_change_pin")}),
    )

    def has_delete_permission(self, request, obj=None):
        return False  # people are deactivated, never deleted: their records stay


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "facility"]
    list_filter = ["facility"]
    filter_horizontal = ["learners", "instructors", "courses"]
