"""Reminders of the deployment order and plan, sent through `core.notifications` (kinds
registered in AgenciesConfig.ready()):

- `agencies.order_copy_due`: the paper copy of the order to the group head within 5 working
  days (§4.4, L441); the subject is the order, due on `order.copy_due`;
- `agencies.team_reapproval_due`: the team's composition is approved yearly (Appendix 5, L3205);
  the subject is the order, due a year after the last approval;
- `agencies.plan_copies_due`: copies of the approved plan and of the initial indicator sheet to
  the group head within 3 working days of approval (§4.8, L557); the subject is the plan.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.deployment.models import DeploymentOrder, DeploymentPlan
from core import calendar
from core.models import Notice
from core.notifications import NoticeText

ORDER_COPY_DUE = "agencies.order_copy_due"
TEAM_REAPPROVAL_DUE = "agencies.team_reapproval_due"
PLAN_COPIES_DUE = "agencies.plan_copies_due"

LABELS = {
    ORDER_COPY_DUE: gettext_lazy("Копия приказа о развёртывании — руководителю рабочей группы"),
    TEAM_REAPPROVAL_DUE: gettext_lazy("Ежегодное утверждение состава 5S-команды"),
    PLAN_COPIES_DUE: gettext_lazy("Копии утверждённого плана развёртывания"),
}


def _state(notice: Notice) -> str:
    assert notice.due_on is not None
    return _("просрочено") if notice.due_on < calendar.today() else _("предстоит")


def render_order_copy_due(notice: Notice) -> NoticeText:
    order = notice.subject
    assert isinstance(order, DeploymentOrder) and notice.due_on is not None
    return NoticeText(
        subject=_("Копия приказа № %(number)s (%(agency)s): %(state)s, срок %(due)s")
        % {
            "number": order.number,
            "agency": order.agency.short_name,
            "state": _state(notice),
            "due": notice.due_on.strftime("%d.%m.%Y"),
        },
        body=_(
            "Копия приказа о развёртывании системы 5S в бумажном виде направляется "
            "руководителю рабочей группы в течение 5 рабочих дней с даты издания приказа "
            "(пункт 4.4 Методических рекомендаций): не позднее %(due)s."
        )
        % {"due": notice.due_on.strftime("%d.%m.%Y")},
        url=order.get_absolute_url(),
    )


def render_team_reapproval_due(notice: Notice) -> NoticeText:
    order = notice.subject
    assert isinstance(order, DeploymentOrder) and notice.due_on is not None
    return NoticeText(
        subject=_("Состав 5S-команды (%(agency)s) утверждается ежегодно: %(state)s, срок %(due)s")
        % {
            "agency": order.agency.short_name,
            "state": _state(notice),
            "due": notice.due_on.strftime("%d.%m.%Y"),
        },
        body=_(
            "Персональный состав 5S-команды утверждается ежегодно приказом (приложение 5, "
            "положение о 5S-команде, п. 6.1). Следующее утверждение — не позднее %(due)s."
        )
        % {"due": notice.due_on.strftime("%d.%m.%Y")},
        url=order.get_absolute_url(),
    )


def render_plan_copies_due(notice: Notice) -> NoticeText:
    plan = notice.subject
    assert isinstance(plan, DeploymentPlan) and notice.due_on is not None
    return NoticeText(
        subject=_("Копии плана развёртывания (%(agency)s, %(year)s): %(state)s, срок %(due)s")
        % {
            "agency": plan.agency.short_name,
            "year": plan.year,
            "state": _state(notice),
            "due": notice.due_on.strftime("%d.%m.%Y"),
        },
        body=_(
            "Копии утверждённого плана развёртывания и заполненного листа показателей "
            "первоначального состояния в бумажном виде направляются руководителю рабочей "
            "группы в течение 3 рабочих дней с даты утверждения (пункт 4.8): не позднее %(due)s."
        )
        % {"due": notice.due_on.strftime("%d.%m.%Y")},
        url=plan.get_absolute_url(),
    )


RENDERERS = {
    ORDER_COPY_DUE: render_order_copy_due,
    TEAM_REAPPROVAL_DUE: render_team_reapproval_due,
    PLAN_COPIES_DUE: render_plan_copies_due,
}
