from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Аудиты")

    def ready(self):
        from audits import home, notices
        from audits.permissions import can_view_audits_section
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(NavItem(_("Аудиты"), "audits:list", order=20, visible=can_view_audits_section))
        register_home_panels(home.panels)
        notices.register()
        self._ready_it_standard()
        # An accepted improvement proposal may become a corrective action (§9.1, Appendix 36):
        # agencies refers to it by a generic reference, never by importing audits.
        from agencies.proposals.choices import OutcomeKind
        from agencies.proposals.outcomes import register_outcome_target

        register_outcome_target(
            OutcomeKind.CORRECTIVE_ACTION,
            "audits.CorrectiveAction",
            agency_lookup="plan__audit__agency",
        )
        self._ready_step_closure()
        # Evidence for the checklist's criteria (core.evidence, issue 16 item 3).
        from audits import evidence

        evidence.register()
        # The information board's sections from audits (§4.9, Appendix 11).
        from audits import board

        board.register()

    def _ready_step_closure(self):
        """Step closure (§4.6, L501; §5.5, §6.5, §7.4, §8.4)."""
        from audits.closure import home as closure_home
        from audits.closure import notices as closure_notices
        from audits.closure.choices import NOTICE_KIND
        from audits.closure.permissions import can_view_section
        from core import notifications
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(
            NavItem(_("Шаги"), "audits:closure-overview", order=22, visible=can_view_section)
        )
        register_home_panels(closure_home.panels)
        notifications.register_kind(
            NOTICE_KIND,
            label=_("Документ по итогам шага"),
            render=closure_notices.render_document_notice,
        )

    def _ready_it_standard(self):
        """Criterion 4.3 from the IT department's monthly data (§8.4, L1337)."""
        from audits.itdata import home as it_home
        from audits.itdata import services as it_services
        from audits.itdata import tasks as it_tasks  # noqa: F401  (registers the beat task)
        from audits.itdata.permissions import can_enter_it_data
        from core import notifications
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(
            NavItem(_("ИТ-стандарт"), "audits:it-standard", order=21, visible=can_enter_it_data)
        )
        register_home_panels(it_home.panels)
        notifications.register_kind(
            it_services.REMINDER_KIND,
            label=_("Данные о соответствии ИТ-стандарту"),
            render=it_services.render_reminder,
        )
