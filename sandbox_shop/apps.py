from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxShopConfig(AppConfig):
    name = "sandbox_shop"
    verbose_name = _("Sandbox shop")
