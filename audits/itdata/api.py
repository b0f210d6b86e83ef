"""REST API of the IT department's data for criterion 4.3 (§8.4, L1337).

POST /api/v1/it-standard/ {"agency", "month": "YYYY-MM", "workplaces", "compliant"} → 201 (a
second record for the same agency and month replaces the first; its history keeps the earlier
numbers); GET /api/v1/it-standard/?agency=&month=; GET …/template/?month= (the month's workbook
with every agency); POST …/import/ (multipart `file`, `month`) → 201 with the rows saved.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from audits.itdata import permissions, selectors, services, workbook
from audits.itdata.rules import it_standard_score, share_percent
from audits.models import ITStandardRecord
from core.api.permissions import HasPortalRole
from core.documents import XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.periods import format_month, parse_month

MAX_WORKPLACES = 1_000_000  # far above any agency's; keeps numbers within the model's range


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-11"})
class MonthField(serializers.Field):
    """A month as "YYYY-MM" (../shared/API.md), its first day inside the portal."""

    default_error_messages = {"invalid": _("Укажите месяц в виде ГГГГ-ММ.")}

    def to_internal_value(self, data):
        month = parse_month(data) if isinstance(data, str) and len(data) <= 7 else None
        if month is None:
            self.fail("invalid")
        return month

    def to_representation(self, value):
        return format_month(value)


class ITStandardRecordSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    month = MonthField()
    workplaces = serializers.IntegerField(min_value=1, max_value=MAX_WORKPLACES)
    compliant = serializers.IntegerField(min_value=0, max_value=MAX_WORKPLACES)
    noncompliant_percent = serializers.SerializerMethodField(
        help_text="share of workplaces not complying, per cent, one place"
    )
    score = serializers.SerializerMethodField(help_text="the 4.3 score of L2365–2377")
    entered_by = serializers.CharField(source="entered_by.username", read_only=True, default=None)

    class Meta:
        model = ITStandardRecord
        fields = [
            "id",
            "agency",
            "agency_name",
            "month",
            "workplaces",
            "compliant",
            "noncompliant_percent",
            "score",
            "entered_by",
            "entered_at",
        ]
        read_only_fields = ["id", "entered_at"]
        # The unique (agency, month) pair is not a refusal here: a second report replaces.
        validators: list = []

    def get_noncompliant_percent(self, record) -> str:
        return format(share_percent(record.workplaces, record.compliant), "f")

    def get_score(self, record) -> int:
        return it_standard_score(record.workplaces, record.compliant)


class _Filters(serializers.Serializer):
    agency = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    month = MonthField(required=False)


def _require_view(request):
    if not permissions.can_view_it_data(request.user):
        raise PermissionDenied(_("Эти данные видят рабочая группа и департамент информатизации."))


@extend_schema(
    parameters=[
        OpenApiParameter("agency", int, description="agency id"),
        OpenApiParameter("month", str, description="YYYY-MM"),
    ]
)
class ITStandardListView(generics.ListCreateAPIView):
    permission_classes = [HasPortalRole]
    serializer_class = ITStandardRecordSerializer
    filter_backends: list = []

    def get_queryset(self):
        _require_view(self.request)
        filters = _Filters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.records(
            agency_id=filters.validated_data.get("agency"),
            month=filters.validated_data.get("month"),
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        record = services.it_record_save(
            actor=request.user,
            agency=data["agency"],
            month=data["month"],
            workplaces=data["workplaces"],
            compliant=data["compliant"],
        )
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)


def _month_param(request):
    month = parse_month(request.query_params.get("month") or request.data.get("month") or "")
    if month is None:
        raise ApplicationError(
            _("Укажите месяц в виде ГГГГ-ММ."),
            details={"month": _("Укажите месяц в виде ГГГГ-ММ.")},
        )
    return month


class ITStandardTemplateView(APIView):
    """The month's workbook: every agency in a row, the numbers entered so far filled in."""

    permission_classes = [HasPortalRole]

    @extend_schema(
        parameters=[OpenApiParameter("month", str, required=True, description="YYYY-MM")],
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    def get(self, request):
        _require_view(request)
        month = _month_param(request)
        return file_response(
            workbook.template_workbook(month, selectors.month_numbers(month)),
            XLSX_CONTENT_TYPE,
            workbook.template_filename(month),
        )


class _ImportSerializer(serializers.Serializer):
    month = MonthField()
    file = serializers.FileField()


class ITStandardImportView(APIView):
    """The filled template for the month: every row saved, or none (400 naming each bad cell)."""

    permission_classes = [HasPortalRole]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=_ImportSerializer, responses={201: ITStandardRecordSerializer(many=True)}
    )
    def post(self, request):
        serializer = _ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        content = upload.read(workbook.MAX_UPLOAD_BYTES + 1)
        records = services.it_records_import(
            actor=request.user, month=serializer.validated_data["month"], content=content
        )
        return Response(
            ITStandardRecordSerializer(records, many=True).data, status=status.HTTP_201_CREATED
        )
