"""The filters of the audits lists, one per list, applied by the selectors for the pages and
the API alike: a malformed value is a 400 (API) or a message above the list (page) naming the
parameter, never a server error or a silently unfiltered list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from audits.choices import AuditStatus, PlanStatus
from audits.models import Audit, CorrectiveActionPlan, InternalAudit, Photo
from core.filters import IdFilter


class _ByAgency(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id", label=_("ОИВ ЯО / СППО"))


class AuditFilter(_ByAgency):
    status = django_filters.ChoiceFilter(
        choices=AuditStatus.choices, label=_("Состояние"), empty_label="—"
    )

    class Meta:
        model = Audit
        fields = ["agency", "status"]


class PlanFilter(django_filters.FilterSet):
    # The plan's agency is its audit's.
    agency = IdFilter(field_name="audit__agency_id", label=_("ОИВ ЯО / СППО"))
    status = django_filters.ChoiceFilter(
        choices=PlanStatus.choices, label=_("Состояние"), empty_label="—"
    )

    class Meta:
        model = CorrectiveActionPlan
        fields = ["agency", "status"]


class InternalAuditFilter(_ByAgency):
    class Meta:
        model = InternalAudit
        fields = ["agency"]


class PhotoFilter(_ByAgency):
    class Meta:
        model = Photo
        fields = ["agency"]
