"""Home panels of the deployment order and plan: what a leader owes (copies of the order and of
the plan, the team's yearly approval, the plan itself) and what an approver has to approve."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.choices import AgencyKind
from agencies.deployment.choices import REAPPROVAL_NOTICE_DAYS, PlanStatus
from agencies.deployment.models import DeploymentOrder, DeploymentPlan
from agencies.people import agency_ids_of, curated_agency_ids, person_of
from core import calendar
from core.permissions import has_role
from core.registry import HomePanel
from core.roles import Role


def panels(user):
    result = []
    person = person_of(user)
    today = calendar.today()
    if has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER):
        items = _leader_items(agency_ids_of(user), today)
        result.append(
            HomePanel(
                title=_("Развёртывание: приказ и план"),
                url=reverse("agencies:deployment-plans"),
                items=items,
                empty_text=_("Сроков по приказу и плану развёртывания нет."),
                order=25,
            )
        )
    approver_of = set(curated_agency_ids(user))
    if person is not None:
        plans = DeploymentPlan.objects.filter(status=PlanStatus.DRAFT).select_related("agency")
        # The head of an ОИВ ЯО approves its plan, the curator a СППО's (L555).
        awaiting = list(
            plans.filter(
                Q(agency__head_id=person.pk, agency__kind=AgencyKind.EXECUTIVE_BODY)
                | Q(agency_id__in=approver_of)
            )
        )
        if awaiting:
            result.append(
                HomePanel(
                    title=_("Планы развёртывания на утверждение"),
                    url=reverse("agencies:deployment-plans") + "?status=draft",
                    items=[
                        {
                            "text": _("%(agency)s: план на %(year)s год")
                            % {"agency": plan.agency.short_name, "year": plan.year},
                            "url": plan.get_absolute_url(),
                        }
                        for plan in awaiting
                    ],
                    order=24,
                )
            )
    return result


def _leader_items(agency_ids, today):
    items = []
    orders = list(
        DeploymentOrder.objects.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("agency_id", "-date", "-pk")
    )
    latest = {}
    for order in orders:
        latest.setdefault(order.agency_id, order)
        if order.copy_sent_on is None:
            items.append(
                {
                    "text": _("Копия приказа № %(number)s руководителю рабочей группы")
                    % {"number": order.number},
                    "url": order.get_absolute_url(),
                    "due": order.copy_due,
                    "overdue": order.copy_overdue(today),
                }
            )
    for order in latest.values():
        if (order.team_reapproval_due - today).days <= REAPPROVAL_NOTICE_DAYS:
            items.append(
                {
                    "text": _("Ежегодное утверждение состава 5S-команды (%(agency)s)")
                    % {"agency": order.agency.short_name},
                    "url": order.get_absolute_url(),
                    "due": order.team_reapproval_due,
                    "overdue": order.team_reapproval_overdue(today),
                }
            )
    plans = (
        DeploymentPlan.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "team")
        .prefetch_related("team__agencies")
    )
    planned_agencies = set()
    for plan in plans:
        # A joint team's plan is the plan of each of its СППО (L411, L3637).
        planned_agencies.update([plan.agency_id, *(a.pk for a in plan.joint_agencies)])
        if plan.is_approved and plan.copies_sent_on is None:
            items.append(
                {
                    "text": _("Копии плана развёртывания на %(year)s год") % {"year": plan.year},
                    "url": plan.get_absolute_url(),
                    "due": plan.copies_due,
                    "overdue": plan.copies_overdue(today),
                }
            )
    for agency_id, order in latest.items():
        if agency_id not in planned_agencies:
            items.append(
                {
                    "text": _("Утвердить план развёртывания (%(agency)s)")
                    % {"agency": order.agency.short_name},
                    "url": reverse("agencies:deployment-plans"),
                    "due": order.plan_approval_due,
                    "overdue": today > order.plan_approval_due,
                }
            )
    return items
