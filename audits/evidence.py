"""The audits app's records as evidence for the checklist (core.evidence; the map:
core.evidence_map), and the checklist's criteria for pages that list them all.

- internal audits and photo reports (§4.6, Appendix 7): criteria 5.3 (L2653), 2.1–2.3, 2.7;
- the corrective-action plan and its actions (Appendix 30) and the earlier external audits
  whose remarks must not recur: 5.2 (L2611);
- the steps closed (§4.6, L501): 5.1 (L2571);
- the IT department's monthly data (§8.4, L1337): 4.3 (L2365).
Registered from AuditsConfig.ready(); each provider is one query.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.choices import AuditStatus
from audits.closure.models import StepClosure
from audits.models import (
    Audit,
    ChecklistVersion,
    CorrectiveAction,
    CorrectiveActionPlan,
    Criterion,
    InternalAudit,
    ITStandardRecord,
    Photo,
)
from core.evidence import (
    CriterionEvidence,
    criteria_evidence,
    latest_records,
    register_checklist,
    register_evidence_kind,
)


def internal_audits(agency_ids, until=None):
    return latest_records(
        InternalAudit.objects.all(),
        agency_ids,
        until=until,
        date="conducted_on",
        title=lambda row: _("Внутренний аудит за %(month)s") % {"month": f"{row.month:%m.%Y}"},
        url=lambda row: row.get_absolute_url(),
    )


def photos(agency_ids, until=None):
    return latest_records(
        Photo.objects.all(),
        agency_ids,
        until=until,
        date="taken_on",
        title=lambda row: f"{row.place}: {row.subject}",
        url=lambda row: reverse("audits:photo-file", args=[row.pk, "image"]),
    )


def action_plans(agency_ids, until=None):
    return latest_records(
        CorrectiveActionPlan.objects.select_related("audit"),
        agency_ids,
        until=until,
        agency="audit__agency_id",
        date=Coalesce(F("approved_on"), F("audit__date")),
        title=str,
        url=lambda row: row.get_absolute_url(),
    )


def corrective_actions(agency_ids, until=None):
    return latest_records(
        CorrectiveAction.objects.all(),
        agency_ids,
        until=until,
        agency="plan__audit__agency_id",
        date=Coalesce(F("actual_date"), F("planned_date")),
        title=str,
        url=lambda row: reverse("audits:plan", args=[row.plan_id]),
    )


def external_audits(agency_ids, until=None):
    """Signed final sheets of earlier external audits: their remarks must not recur (5.2)."""
    return latest_records(
        Audit.objects.filter(status=AuditStatus.FINALISED),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: (
            _("Итоговый оценочный лист аудита от %(date)s") % {"date": f"{row.date:%d.%m.%Y}"}
        ),
        url=lambda row: reverse("audits:final", args=[row.pk]),
    )


def step_closures(agency_ids, until=None):
    return latest_records(
        StepClosure.objects.filter(closed_on__isnull=False),
        agency_ids,
        until=until,
        date="closed_on",
        title=lambda row: _("Шаг %(step)s завершён") % {"step": row.step},
        url=lambda row: row.get_absolute_url(),
    )


def it_standard(agency_ids, until=None):
    return latest_records(
        ITStandardRecord.objects.all(),
        agency_ids,
        until=until,
        date="month",
        title=lambda row: (
            _("%(month)s: %(compliant)s из %(workplaces)s рабочих мест")
            % {
                "month": f"{row.month:%m.%Y}",
                "compliant": row.compliant,
                "workplaces": row.workplaces,
            }
        ),
        url=lambda row: reverse("audits:it-standard"),
    )


def checklist_criteria():
    """(code, title) of every criterion of the latest checklist, in order: one query."""
    latest = ChecklistVersion.objects.order_by("-version").values("pk")[:1]
    return list(
        Criterion.objects.filter(version__in=latest)
        .order_by("step_number", "position")
        .values_list("code", "title")
    )


def audit_evidence(audit: Audit) -> list[CriterionEvidence]:
    """The audited agency's evidence for every criterion of the audit's checklist, in order, as
    it stood at the end of the audit's day (records made later do not prove what the working
    group saw): one query for the criteria and one per record kind."""
    criteria = (
        Criterion.objects.filter(version_id=audit.checklist_id)
        .order_by("step_number", "position")
        .values_list("code", "title")
    )
    return criteria_evidence(audit.agency_id, criteria, until=audit.date)


def register() -> None:
    register_checklist(checklist_criteria)
    register_evidence_kind(
        "audits.internal_audit", _("Внутренние аудиты (Приложение 7)"), internal_audits
    )
    register_evidence_kind("audits.photo", _("Фотоотчёты"), photos)
    register_evidence_kind(
        "audits.action_plan", _("Планы корректирующих мероприятий (Приложение 30)"), action_plans
    )
    register_evidence_kind(
        "audits.corrective_action", _("Корректирующие мероприятия"), corrective_actions
    )
    register_evidence_kind(
        "audits.external_audit", _("Итоговые листы прошлых аудитов"), external_audits
    )
    register_evidence_kind("audits.step_closure", _("Завершённые шаги"), step_closures)
    register_evidence_kind(
        "audits.it_standard", _("Данные департамента информатизации и связи"), it_standard
    )
