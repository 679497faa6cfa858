from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.signals import course_completed

        from .receivers import issue_on_course_completed

        course_completed.connect(issue_on_course_completed, dispatch_uid="certificates.issue_on_course_completed")
