from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from sandbox_shop.signals import listing_approved

        from . import caching
        from .receivers import complete_after_practicum

        caching.connect()

        listing_approved.connect(complete_after_practicum, dispatch_uid="courses.complete_after_practicum")
