"""Reads of improvement proposals: the list, one proposal, an agency's board (columns by
stage), and the counts per agency for the region (one query)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from agencies.models import Agency
from agencies.proposals import outcomes
from agencies.proposals.choices import STAGE_ORDER, OutcomeKind, ProposalState, Stage
from agencies.proposals.filters import ProposalFilter
from agencies.proposals.models import Proposal, ProposalStep
from agencies.proposals.permissions import scope_by_agency
from core.filters import apply_filters


def proposal_list(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Proposal]:
    proposals = scope_by_agency(Proposal.objects.all(), user)
    proposals = apply_filters(ProposalFilter, filters, proposals)
    return proposals.select_related("agency", "author").prefetch_related(
        Prefetch("steps", queryset=ProposalStep.objects.select_related("responsible")),
        "whys",
    )


def proposal_detail(*, user: Any, pk: int) -> Proposal:
    return proposal_list(user=user).get(pk=pk)


@dataclass(frozen=True)
class BoardColumn:
    key: str
    label: str
    proposals: list[Proposal]


def board(
    *, user: Any, agency: Agency, filters: Mapping[str, Any] | None = None
) -> list[BoardColumn]:
    """An agency's proposals in columns: one per stage for those in work, then the
    standardised and the rejected ones (one query for the proposals, one per prefetch);
    `filters` as ProposalFilter (the agency is always this one)."""
    proposals = list(
        proposal_list(user=user, filters={**(filters or {}), "agency": str(agency.pk)})
    )
    columns = [
        BoardColumn(
            stage.value,
            str(stage.label),
            [p for p in proposals if p.state == ProposalState.OPEN and p.stage == stage],
        )
        for stage in STAGE_ORDER
    ]
    for state in (ProposalState.STANDARDISED, ProposalState.REJECTED):
        columns.append(
            BoardColumn(state.value, str(state.label), [p for p in proposals if p.state == state])
        )
    return columns


COUNT_KEYS = [stage.value for stage in STAGE_ORDER] + [
    ProposalState.STANDARDISED.value,
    ProposalState.REJECTED.value,
]


def region_counts(*, user: Any) -> QuerySet[Agency]:
    """Every agency the user may see with its proposals counted: `total`, one count per stage
    for those in work (`identify` … `standardise`), `standardised`, `rejected`. One query."""
    open_ = Q(proposals__state=ProposalState.OPEN)
    stage_counts = {
        stage.value: Count("proposals", filter=open_ & Q(proposals__stage=stage)) for stage in Stage
    }
    return (
        scope_by_agency(Agency.objects.all(), user, field="pk")
        .annotate(
            total=Count("proposals"),
            standardised=Count("proposals", filter=Q(proposals__state=ProposalState.STANDARDISED)),
            rejected=Count("proposals", filter=Q(proposals__state=ProposalState.REJECTED)),
            **stage_counts,
        )
        .order_by("short_name")
    )


# How many records of one kind the standardisation form offers (the latest first).
OUTCOME_CHOICES_MAX = 200


def outcome_choices(*, agency_id: int) -> list[tuple[str, str]]:
    """The agency's records a proposal may become («kind:id», label), of every kind whose app
    registered it (`outcomes`); one query per registered kind."""
    choices = []
    for kind in outcomes.registered_kinds():
        target = outcomes.target_of(kind)
        assert target is not None
        label = OutcomeKind(kind).label
        records = target.of_agency(agency_id).order_by("-pk")[:OUTCOME_CHOICES_MAX]
        choices += [(f"{kind}:{record.pk}", f"{label}: {record}") for record in records]
    return choices
