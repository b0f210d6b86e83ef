"""What an accepted proposal became, by reference (issue 14, item 6): a corrective action of
the plan of Appendix 30 (audits), a 5S standard (steps 2–4), an activity of the deployment plan
(Appendix 10). The agencies app may not import the apps that keep those records (the layer
contracts in pyproject), so each registers its record here from its AppConfig.ready():

    register_outcome_target(
        OutcomeKind.CORRECTIVE_ACTION, "audits.CorrectiveAction", agency_lookup="plan__agency"
    )

A kind nobody has registered is recorded by its free reference only (`outcome_reference`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class OutcomeTarget:
    kind: str
    model_label: str  # "app_label.ModelName"
    agency_lookup: str  # the path from the record to its agency, e.g. "plan__agency"

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    def of_agency(self, agency_id: int) -> QuerySet:
        return self.model._default_manager.filter(**{self.agency_lookup: agency_id})


_targets: dict[str, OutcomeTarget] = {}


def register_outcome_target(kind: str, model_label: str, *, agency_lookup: str) -> None:
    _targets[kind] = OutcomeTarget(str(kind), model_label, agency_lookup)


def target_of(kind: str) -> OutcomeTarget | None:
    return _targets.get(kind)


def registered_kinds() -> list[str]:
    return list(_targets)
