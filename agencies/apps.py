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
        self._ready_walk_rounds()
        self._ready_deployment()
        self._ready_training_and_proposals()
        self._ready_indicators()
        # Evidence for the checklist's criteria (core.evidence, issue 16 item 3).
        from agencies import evidence

        evidence.register()
        self._ready_board()
        # Remembered identities forgotten when memberships change (core.identity, issue 18).
        from agencies import identity

        identity.connect()

    def _ready_walk_rounds(self):
        """The head's walk-rounds (§4.5, L461)."""
        from agencies.walkrounds import home as walk_home
        from agencies.walkrounds import notices as walk_notices
        from agencies.walkrounds import tasks as walk_tasks  # noqa: F401  (registers the beat task)
        from agencies.walkrounds.choices import CONFIRM_KIND, REMINDER_KIND
        from agencies.walkrounds.permissions import can_view_section
        from core import notifications
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(
            NavItem(_("Обходы"), "agencies:walkround-overview", order=12, visible=can_view_section)
        )
        register_home_panels(walk_home.panels)
        notifications.register_kind(
            REMINDER_KIND,
            label=_("Обход рабочих мест руководителем"),
            render=walk_notices.render_reminder,
        )
        notifications.register_kind(
            CONFIRM_KIND,
            label=_("Подтверждение обхода рабочих мест"),
            render=walk_notices.render_confirm,
        )

    def _ready_deployment(self):
        """The deployment order and plan (§4.4, §4.8): reminders, menu, home panels."""
        from agencies.deployment import home as deployment_home
        from agencies.deployment import notices as deployment_notices
        from agencies.deployment import tasks as deployment_tasks  # noqa: F401 — beat task
        from core import notifications
        from core.permissions import roles_of
        from core.registry import NavItem, register_home_panels, register_nav

        for kind, render in deployment_notices.RENDERERS.items():
            notifications.register_kind(kind, label=deployment_notices.LABELS[kind], render=render)
        register_nav(
            NavItem(
                _("Планы развёртывания"),
                "agencies:deployment-plans",
                order=15,
                visible=lambda u: bool(roles_of(u)),
            )
        )
        register_home_panels(deployment_home.panels)
        # An accepted improvement proposal may become an activity of the plan (§9.1).
        from agencies.proposals.choices import OutcomeKind
        from agencies.proposals.outcomes import register_outcome_target

        register_outcome_target(
            OutcomeKind.PLAN_ACTIVITY, "agencies.PlanActivity", agency_lookup="plan__agency"
        )

    def _ready_training_and_proposals(self):
        """Training (§9.2) and improvement proposals (§9.1, Appendix 36): sub-packages."""
        from agencies.proposals import home as proposals_home
        from agencies.proposals import notices as proposals_notices
        from agencies.proposals import tasks as proposals_tasks  # noqa: F401 (the beat task)
        from agencies.training import home as training_home
        from agencies.training import notices as training_notices
        from agencies.training import tasks as training_tasks  # noqa: F401 (the beat task)
        from core import notifications
        from core.registry import NavItem, register_home_panels, register_nav

        notifications.register_kind(
            training_notices.TOPIC_DUE,
            label=training_notices.TOPIC_DUE_LABEL,
            render=training_notices.render_topic_due,
        )
        for kind, label, render in proposals_notices.KINDS:
            notifications.register_kind(kind, label=label, render=render)
        from core.permissions import sees_agency_records

        register_nav(
            NavItem(_("Обучение"), "agencies:training", order=60, visible=sees_agency_records)
        )
        register_nav(
            NavItem(_("Предложения"), "agencies:proposals", order=65, visible=sees_agency_records)
        )
        register_home_panels(training_home.panels)
        register_home_panels(proposals_home.panels)

    def _ready_indicators(self):
        """The indicator sheet (§4.7, Appendix 8): the quarterly reminders (L549), menu, home
        panels."""
        from agencies.indicators import home as indicators_home
        from agencies.indicators import notices as indicators_notices
        from agencies.indicators import tasks as indicators_tasks  # noqa: F401 (the beat task)
        from core import notifications
        from core.permissions import sees_agency_records
        from core.registry import NavItem, register_home_panels, register_nav

        for kind, render in indicators_notices.RENDERERS.items():
            notifications.register_kind(kind, label=indicators_notices.LABELS[kind], render=render)
        register_nav(
            NavItem(
                _("Показатели"),
                "agencies:indicators",
                order=17,
                visible=sees_agency_records,
            )
        )
        register_home_panels(indicators_home.panels)

    def _ready_board(self):
        """The information board (§4.9, L561–597; Appendix 11): its sections, reminders (L583,
        L589) and the responsible member's home panel."""
        from agencies.board import home as board_home
        from agencies.board import notices as board_notices
        from agencies.board import registration as board_registration
        from agencies.board import tasks as board_tasks  # noqa: F401 (the beat task)
        from core import notifications
        from core.permissions import sees_agency_records
        from core.registry import NavItem, register_home_panels, register_nav

        register_nav(
            NavItem(
                _("Стенды"),
                "agencies:board-overview",
                order=16,
                visible=sees_agency_records,
            )
        )
        for kind, label, render in board_notices.KINDS:
            notifications.register_kind(kind, label=label, render=render)
        register_home_panels(board_home.panels)
        board_registration.register()
        # The indicators' section replaces the empty one declared by the board.
        from agencies.indicators import board as indicators_board

        indicators_board.register()
