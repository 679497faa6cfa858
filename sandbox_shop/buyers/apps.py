from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuyersConfig(AppConfig):
    name = "sandbox_shop.buyers"
    label = "buyers"
    verbose_name = _("Practice buyers")
