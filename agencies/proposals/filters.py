"""The FilterSet of the proposals list, for the page and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from agencies.proposals.choices import OutcomeKind, ProposalState, Stage
from agencies.proposals.models import Proposal
from core.filters import IdFilter


class ProposalFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Этап"))
    state = django_filters.ChoiceFilter(choices=ProposalState.choices, label=_("Состояние"))
    outcome_kind = django_filters.ChoiceFilter(choices=OutcomeKind.choices, label=_("Стало"))

    class Meta:
        model = Proposal
        fields = ["agency", "stage", "state", "outcome_kind"]
