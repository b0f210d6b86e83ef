import django_filters
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from core.filters import IdFilter
from reports.choices import DocumentFormat, DocumentKind, DocumentStatus, PublicationKind
from reports.models import GeneratedDocument, Publication
from reports.periods import month_end, parse_month


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)
    # `?format=` is DRF's content negotiation, so the file format filter has its own name.
    file_format = django_filters.ChoiceFilter(field_name="format", choices=DocumentFormat.choices)
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices)
    audit = IdFilter(field_name="audit_id")
    month = django_filters.CharFilter(method="filter_month", label=_("Месяц (ГГГГ-ММ)"))

    class Meta:
        model = GeneratedDocument
        fields = ["kind", "file_format", "status", "audit", "month"]

    def filter_month(self, queryset, name, value):
        return queryset.filter(month=_month(value, name))


def _month(value, name):
    from rest_framework.exceptions import ValidationError

    try:
        return parse_month(value, field=name)
    except ApplicationError as exc:
        raise ValidationError({name: [str(exc.message)]}) from exc


class PublicationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PublicationKind.choices)
    agency = IdFilter(field_name="agency_id")
    period_from = django_filters.CharFilter(method="filter_from", label=_("Период с (ГГГГ-ММ)"))
    period_to = django_filters.CharFilter(method="filter_to", label=_("Период по (ГГГГ-ММ)"))
    q = django_filters.CharFilter(method="filter_q", label=_("Поиск"))

    class Meta:
        model = Publication
        fields = ["kind", "agency", "period_from", "period_to", "q"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(period__gte=_month(value, name))

    def filter_to(self, queryset, name, value):
        return queryset.filter(period__lte=month_end(_month(value, name)))

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(agency__short_name__icontains=value))
