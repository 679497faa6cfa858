from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "lms.labs"
    label = "labs"
    verbose_name = _("Labs and terminals")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from .services import on_user_logged_out

        user_logged_out.connect(on_user_logged_out, dispatch_uid="labs.end_learner_session")
