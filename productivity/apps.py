from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductivityConfig(AppConfig):
    name = "productivity"
    verbose_name = _("Производительность труда")
