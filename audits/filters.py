"""Filters of the audits API lists: a malformed value is a 400 naming the parameter, never a
server error or a silently unfiltered list."""

import django_filters

from audits.choices import AuditStatus, PlanStatus
from audits.models import Audit, CorrectiveActionPlan, InternalAudit, Photo
from core.filters import IdFilter


class _ByAgency(django_filters.FilterSet):
    agency = IdFilter(field_name="agency_id")


class AuditFilter(_ByAgency):
    status = django_filters.ChoiceFilter(choices=AuditStatus.choices)

    class Meta:
        model = Audit
        fields = ["agency", "status"]


class PlanFilter(django_filters.FilterSet):
    agency = IdFilter(field_name="audit__agency_id")  # the plan's agency is its audit's
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)

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
