from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("ОИВ ЯО, СППО и 5S-команды")

    def ready(self):
        from agencies import home
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(NavItem(_("ОИВ ЯО и СППО"), "agencies:list", order=10))
        register_nav(NavItem(_("Рабочая группа"), "agencies:working-group", order=90))
        register_home_panels(home.panels)

        # Training (§9.2) and improvement proposals (§9.1, Appendix 36): sub-packages.
        from agencies.proposals import home as proposals_home
        from agencies.proposals import notices as proposals_notices
        from agencies.proposals import tasks as proposals_tasks  # noqa: F401 (the beat task)
        from agencies.training import home as training_home
        from agencies.training import notices as training_notices
        from agencies.training import tasks as training_tasks  # noqa: F401 (the beat task)
        from core import notifications

        notifications.register_kind(
            training_notices.TOPIC_DUE,
            label=training_notices.TOPIC_DUE_LABEL,
            render=training_notices.render_topic_due,
        )
        for kind, label, render in proposals_notices.KINDS:
            notifications.register_kind(kind, label=label, render=render)
        register_nav(NavItem(_("Обучение"), "agencies:training", order=60))
        register_nav(NavItem(_("Предложения"), "agencies:proposals", order=65))
        register_home_panels(training_home.panels)
        register_home_panels(proposals_home.panels)
