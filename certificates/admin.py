from django.contrib import admin

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["serial", "learner_name", "course_title", "facility", "issued_on", "status", "revoked_at"]
    list_filter = ["facility", "status"]
    search_fields = ["serial", "learner_name"]
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
