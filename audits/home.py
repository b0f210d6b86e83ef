"""What the audits app puts on each role's home page: what the person owes and by when."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.people import agency_ids_of, person_of
from audits import permissions, selectors
from audits.choices import AuditStatus, PlanStatus, SheetStatus
from audits.models import Audit, CorrectiveAction, CorrectiveActionPlan, ScoreSheet
from core import calendar
from core.permissions import has_role
from core.registry import HomePanel
from core.roles import Role


def panels(user):
    today = calendar.today()
    person = person_of(user)
    result = []
    if person is not None and has_role(user, Role.WORKING_GROUP_AUDITOR, Role.WORKING_GROUP_HEAD):
        sheets = (
            ScoreSheet.objects.filter(
                auditor=person, status=SheetStatus.DRAFT, audit__status=AuditStatus.PLANNED
            )
            .select_related("audit__agency")
            .order_by("audit__date")[:20]
        )
        result.append(
            HomePanel(
                title=_("Мои оценочные листы"),
                url=reverse("audits:list"),
                order=30,
                empty_text=_("Незаполненных оценочных листов нет."),
                items=[
                    {
                        "text": _("%(agency)s — аудит %(date)s")
                        % {
                            "agency": s.audit.agency.short_name,
                            "date": s.audit.date.strftime("%d.%m.%Y"),
                        },
                        "url": s.get_absolute_url(),
                        "due": s.audit.date,
                        "overdue": today > s.audit.date,
                    }
                    for s in sheets
                ],
            )
        )
    if permissions.can_plan_audit(user):
        audits = (
            Audit.objects.filter(status=AuditStatus.PLANNED)
            .select_related("agency", "final_sheet")
            .order_by("date")[:20]
        )
        items = [
            {
                "text": _("Итоговый лист: %(agency)s, аудит %(date)s")
                % {"agency": a.agency.short_name, "date": a.date.strftime("%d.%m.%Y")},
                "url": reverse("audits:final", args=[a.pk]),
                "due": a.final_sheet.copy_due,
                "overdue": today > a.final_sheet.copy_due,
            }
            for a in audits
        ]
        overdue = selectors.overdue_agencies(today=today)
        if overdue:
            items.append(
                {
                    "text": _("ОИВ ЯО / СППО с просроченным внешним аудитом: %(n)s")
                    % {"n": len(overdue)},
                    "url": reverse("audits:list") + "#overdue",
                    "overdue": True,
                }
            )
        result.append(
            HomePanel(
                title=_("Внешние аудиты"),
                url=reverse("audits:list"),
                order=25,
                empty_text=_("Запланированных аудитов нет."),
                items=items,
            )
        )
    result.extend(_agency_panels(user, person, today))
    return result


def _agency_panels(user, person, today):
    agency_ids = agency_ids_of(user)
    leads = has_role(user, Role.TEAM_LEADER)
    items = []
    if agency_ids:
        for audit in (
            Audit.objects.filter(
                agency_id__in=agency_ids, status=AuditStatus.PLANNED, date__gte=today
            )
            .select_related("agency")
            .order_by("date")[:5]
        ):
            item = {
                "text": _("Внешний аудит %(agency)s: %(date)s")
                % {"agency": audit.agency.short_name, "date": audit.date.strftime("%d.%m.%Y")}
            }
            # The leader and the head open the planned audit (permissions.visible_audits, §5.5).
            if leads or (person is not None and audit.agency.head_id == person.pk):
                item["url"] = audit.get_absolute_url()
            items.append(item)
    if has_role(user, Role.TEAM_LEADER) and agency_ids:
        latest = {}
        for audit in (
            Audit.objects.filter(agency_id__in=agency_ids, status=AuditStatus.FINALISED)
            .select_related("agency", "action_plan")
            .order_by("-date", "-pk")[:20]
        ):
            latest.setdefault(audit.agency_id, audit)
        for audit in latest.values():
            # The plan answers the latest signed audit; older ones are superseded.
            if getattr(audit, "action_plan", None) is None:
                items.append(
                    {
                        "text": _("Разработать план мероприятий по итогам аудита %(date)s")
                        % {"date": audit.date.strftime("%d.%m.%Y")},
                        "url": reverse("audits:final", args=[audit.pk]),
                    }
                )
        for plan in CorrectiveActionPlan.objects.filter(
            audit__agency_id__in=agency_ids, status=PlanStatus.APPROVED, copy_sent_at__isnull=True
        ).select_related("audit"):
            items.append(
                {
                    "text": _("Направить копию плана рабочей группе"),
                    "url": plan.get_absolute_url(),
                    "due": plan.copy_due,
                    "overdue": plan.copy_due is not None and today > plan.copy_due,
                }
            )
        for action in CorrectiveAction.objects.filter(
            plan__audit__agency_id__in=agency_ids,
            plan__status=PlanStatus.APPROVED,
            actual_date__isnull=True,
            planned_date__lt=today,
        ).select_related("plan")[:10]:
            items.append(
                {
                    "text": _("Мероприятие %(step)s.%(n)s просрочено: %(action)s")
                    % {"step": action.step, "n": action.number, "action": action.action[:80]},
                    "url": action.plan.get_absolute_url(),
                    "due": action.planned_date,
                    "overdue": True,
                }
            )
    if person is not None:
        for plan in CorrectiveActionPlan.objects.filter(
            Q(audit__agency__head=person), status=PlanStatus.DRAFT
        ).select_related("audit"):
            items.append(
                {
                    "text": _("План мероприятий ожидает утверждения"),
                    "url": plan.get_absolute_url(),
                }
            )
    if not items:
        return []
    return [HomePanel(title=_("Аудиты и планы мероприятий"), items=items, order=26)]
