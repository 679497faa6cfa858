from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts and facilities")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the sign-in audit)
