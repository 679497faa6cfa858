from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the stale-marking receivers)
