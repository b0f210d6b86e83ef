from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.choices import DocumentFormat, DocumentKind
from reports.models import GeneratedDocument, Publication


class SummaryRowSerializer(serializers.Serializer):
    """The one serializer of reports.summary.SummaryRow (Appendix 13). Every agency is listed;
    one without a signed audit by the month's end has null figures and a `note`."""

    agency = serializers.IntegerField()
    agency_name = serializers.CharField()
    audit = serializers.IntegerField(allow_null=True)
    audit_date = serializers.DateField(allow_null=True)
    completed_steps = serializers.IntegerField(allow_null=True)
    overall = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    change = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        allow_null=True,
        help_text=_(
            "Динамика общей оценки по сравнению с предыдущим периодом: общая оценка на конец "
            "месяца минус общая оценка на конец предыдущего месяца (null в первый месяц)"
        ),
    )
    change_since_previous_audit = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        allow_null=True,
        help_text=_("Изменение общей оценки по сравнению с предыдущим подписанным аудитом"),
    )
    note = serializers.CharField(help_text=_("«нет подписанного аудита» или пусто"))


class SummarySerializer(serializers.Serializer):
    """Appendix 13 as of `month`: `rows` is one page (`?page=`, `?page_size=` up to 1,000),
    `count` the agencies listed in all, `next` and `previous` the pages' links (null at the
    ends), as in every paginated list of the API."""

    month = serializers.CharField()
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    rows = SummaryRowSerializer(many=True)


class DocumentOrderSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    format = serializers.ChoiceField(choices=DocumentFormat.choices)
    audit = serializers.IntegerField(required=False, help_text=_("для итогового листа"))
    month = serializers.CharField(required=False, help_text=_("ГГГГ-ММ, для сводного отчёта"))


class DocumentAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class DocumentSerializer(serializers.ModelSerializer):
    # Plain text here: the kind enum is described once, on the order, so its name in the
    # OpenAPI schema does not collide with the other apps' `kind` enums.
    kind = serializers.CharField(read_only=True, help_text="final_sheet | summary")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "kind",
            "format",
            "params",
            "status",
            "progress",
            "error",
            "size",
            "checksum",
            "file_name",
            "created_at",
            "finished_at",
            "download_url",
        ]

    def get_download_url(self, document) -> str | None:
        if not document.is_ready:
            return None
        path = reverse("report-download", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PublicationSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", default=None)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "id",
            "kind",
            "agency",
            "agency_name",
            "period",
            "title",
            "published_at",
            "download_url",
        ]

    def get_download_url(self, publication) -> str | None:
        if publication.document_id or publication.file:
            path = reverse("publication-download", args=[publication.pk])
        else:
            path = publication.url or None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request and path else path
