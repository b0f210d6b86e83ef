"""The agencies app's records as evidence for the checklist (core.evidence; the map:
core.evidence_map).

- the deployment order (Appendix 5) and plan (Appendix 10), planned against actual: 5.1
  (Appendix 2, L2571);
- training: the programme and its sessions (§9.2): 5.4–5.6 (L2697, L2741, L2801);
- the head's walk-rounds (§4.5, L461): 5.7 (L2817);
- improvement proposals (§9.1, Appendix 36): 5.3 and 5.5 (L2653, L2741);
- the indicator sheets (§4.7, Appendix 8): 5.3 (L2653);
- the updates of the information board (§4.9, L583–589): 2.6 (L1863).
Registered from AgenciesConfig.ready(); each provider is one query.
"""

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.board.models import BoardUpdate
from agencies.deployment.models import DeploymentOrder, DeploymentPlan
from agencies.indicators.models import IndicatorSheet
from agencies.proposals.models import Proposal
from agencies.training.models import TrainingProgramme, TrainingSession
from agencies.walkrounds.models import WalkRound
from core.evidence import latest_records, register_evidence_kind


def deployment_plans(agency_ids, until=None):
    """Each plan with its activities done against planned (5.1: «выполняются в установленные
    сроки»): the counts are aggregated in the same query."""
    plans = DeploymentPlan.objects.annotate(
        activities_total=Count("activities"),
        activities_done=Count("activities", filter=Q(activities__actual_end__isnull=False)),
    )
    return latest_records(
        plans,
        agency_ids,
        until=until,
        date=Coalesce(F("approved_on"), F("starts_on")),
        title=lambda row: (
            _("План развёртывания на %(year)s год: выполнено %(done)s из %(total)s мероприятий")
            % {"year": row.year, "done": row.activities_done, "total": row.activities_total}
        ),
        url=lambda row: row.get_absolute_url(),
    )


def deployment_orders(agency_ids, until=None):
    return latest_records(
        DeploymentOrder.objects.all(),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: _("Приказ %(order)s") % {"order": str(row)},
        url=lambda row: row.get_absolute_url(),
    )


def training_programmes(agency_ids, until=None):
    return latest_records(
        TrainingProgramme.objects.all(),
        agency_ids,
        until=until,
        date="approved_on",
        title=lambda row: _("Программа обучения на %(year)s год") % {"year": row.year},
        url=lambda row: row.get_absolute_url(),
    )


def training_sessions(agency_ids, until=None):
    return latest_records(
        TrainingSession.objects.all(),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: row.topic,
        url=lambda row: reverse("agencies:training-agency", args=[row.agency_id]),
    )


def walk_rounds(agency_ids, until=None):
    return latest_records(
        WalkRound.objects.all(),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: _("Обход рабочих мест %(date)s") % {"date": f"{row.date:%d.%m.%Y}"},
        url=lambda row: row.get_absolute_url(),
    )


def proposals(agency_ids, until=None):
    return latest_records(
        Proposal.objects.all(),
        agency_ids,
        until=until,
        date="submitted_on",
        title=lambda row: f"{row}: {row.what[:80]}",
        url=lambda row: row.get_absolute_url(),
    )


def indicator_sheets(agency_ids, until=None):
    return latest_records(
        IndicatorSheet.objects.all(),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: _("Лист показателей от %(date)s") % {"date": f"{row.date:%d.%m.%Y}"},
        url=lambda row: row.get_absolute_url(),
    )


def board_updates(agency_ids, until=None):
    return latest_records(
        BoardUpdate.objects.all(),
        agency_ids,
        until=until,
        date="date",
        title=lambda row: (
            _("Стенд обновлён %(date)s") % {"date": f"{row.date:%d.%m.%Y}"}
            + (f": {row.note}" if row.note else "")
        ),
        url=lambda row: reverse("agencies:board", args=[row.agency_id]),
    )


def register() -> None:
    register_evidence_kind(
        "agencies.deployment_plan", _("План по развёртыванию системы 5S"), deployment_plans
    )
    register_evidence_kind(
        "agencies.deployment_order", _("Приказ о развёртывании системы 5S"), deployment_orders
    )
    register_evidence_kind(
        "agencies.training_programme", _("Программы обучения"), training_programmes
    )
    register_evidence_kind("agencies.training_session", _("Занятия по обучению"), training_sessions)
    register_evidence_kind("agencies.walk_round", _("Обходы рабочих мест"), walk_rounds)
    register_evidence_kind("agencies.indicator_sheet", _("Листы показателей"), indicator_sheets)
    register_evidence_kind(
        "agencies.board_update", _("Обновления информационного стенда"), board_updates
    )
    register_evidence_kind("agencies.proposal", _("Предложения по улучшению"), proposals)
