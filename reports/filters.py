"""One FilterSet per list of the app, applied inside its selector (reports.selectors) and so
used by the pages and the API alike. A malformed value is a form error, turned into one
ApplicationError (400 with the field) by the selector."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import IdFilter
from core.periods import month_end
from reports.choices import DocumentFormat, DocumentKind, DocumentStatus, PublicationKind
from reports.forms import MonthField
from reports.models import GeneratedDocument, Publication


class MonthFilter(django_filters.Filter):
    """A month as YYYY-MM (Appendix 13's «месяц года»)."""

    field_class = MonthField


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)
    # `?format=` is DRF's content negotiation, so the file format filter has its own name.
    file_format = django_filters.ChoiceFilter(field_name="format", choices=DocumentFormat.choices)
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices)
    audit = IdFilter(field_name="audit_id")
    month = MonthFilter(field_name="month", label=_("Месяц (ГГГГ-ММ)"))

    class Meta:
        model = GeneratedDocument
        fields = ["kind", "file_format", "status", "audit", "month"]


class PublicationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PublicationKind.choices)
    agency = IdFilter(field_name="agency_id")
    period_from = MonthFilter(field_name="period", lookup_expr="gte", label=_("Период с (ГГГГ-ММ)"))
    period_to = MonthFilter(field_name="period", method="filter_to", label=_("Период по (ГГГГ-ММ)"))
    q = django_filters.CharFilter(method="filter_q", label=_("Поиск"))

    class Meta:
        model = Publication
        fields = ["kind", "agency", "period_from", "period_to", "q"]

    def filter_to(self, queryset, name, value):
        return queryset.filter(period__lte=month_end(value))

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(agency__short_name__icontains=value))
