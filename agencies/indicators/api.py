"""REST endpoints of the indicator sheet (§4.7, Appendix 8), scoped like the pages: the
selectors read what the user may see, the services decide who may write.

- `GET/POST /api/v1/indicator-sheets/` (`?agency=`, `?status=`, `?year=`), `GET .../{id}/`,
  `POST .../{id}/observations/`, `POST .../{id}/approve/`, `GET .../region/`;
- `GET /api/v1/agencies/{id}/indicator-trends/`.

Decimals are strings: times in seconds with two decimals (`"45.25"`), the average with one
(`"45.3"`, rounded half up), costs in thousands of roubles with two, changes in % with one.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from agencies.indicators import permissions, rules, selectors, services
from agencies.indicators.choices import SECONDS_MAX, Section
from agencies.indicators.filters import SheetFilter
from agencies.indicators.models import Indicator, IndicatorSheet
from agencies.models import Agency, Person
from agencies.permissions import visible_agencies, visible_people
from core import calendar
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole
from core.exceptions import ApplicationError

SECONDS = {"max_digits": 8, "decimal_places": 2}
COST = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class IndicatorInputSerializer(serializers.Serializer):
    """A timed indicator (`paper`, `electronic`, `operation`) with its `observations` in
    seconds, or a material object (`cost`) with `month`, `quarter`, `year` in thousands of
    roubles. `own`: an indicator the team added (L507)."""

    section = serializers.ChoiceField(choices=Section.choices)
    name = serializers.CharField(max_length=300)
    own = serializers.BooleanField(required=False, default=False)
    observations = serializers.ListField(
        child=serializers.DecimalField(**SECONDS, min_value=0, max_value=SECONDS_MAX),
        required=False,
        default=list,
    )
    month = serializers.DecimalField(**COST, required=False, allow_null=True, default=None)
    quarter = serializers.DecimalField(**COST, required=False, allow_null=True, default=None)
    year = serializers.DecimalField(**COST, required=False, allow_null=True, default=None)


class IndicatorSerializer(serializers.ModelSerializer):
    """One row of the sheet: `max` / `avg` / `min` of its observations (timed; null for a
    material object), `month` / `quarter` / `year` its costs (null for a timed one), and the
    raw `observations` in seconds."""

    max = serializers.DecimalField(source="max_seconds", **SECONDS, allow_null=True)
    avg = serializers.DecimalField(
        source="avg_seconds", max_digits=8, decimal_places=1, allow_null=True
    )
    min = serializers.DecimalField(source="min_seconds", **SECONDS, allow_null=True)
    month = serializers.DecimalField(source="cost_month", **COST, allow_null=True)
    quarter = serializers.DecimalField(source="cost_quarter", **COST, allow_null=True)
    year = serializers.DecimalField(source="cost_year", **COST, allow_null=True)
    observations = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "position",
            "section",
            "name",
            "own",
            "max",
            "avg",
            "min",
            "observation_count",
            "observations",
            "month",
            "quarter",
            "year",
        ]
        read_only_fields = fields

    def get_observations(self, indicator) -> list[str]:
        return [f"{observation.seconds:.2f}" for observation in indicator.observations.all()]


SHEET_FIELDS = [
    "id",
    "agency",
    "agency_name",
    "date",
    "status",
    "is_initial",
    "experts",
    "experts_required",
    "indicators",
    "responsible",
    "reports_to",
    "participants",
    "frequency",
    "analyst",
    "visualisation",
    "own_form",
    "approved_on",
    "approver",
]


class IndicatorSheetSerializer(serializers.ModelSerializer):
    """A sheet of Appendix 8 with its expert group (person ids), the number of experts the
    agency's actual headcount calls for (L535), its technology of measurement (L515–529) and
    its indicators with max / avg / min or costs."""

    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    experts = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    experts_required = serializers.SerializerMethodField()
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorSheet
        fields = SHEET_FIELDS
        read_only_fields = SHEET_FIELDS

    def get_experts_required(self, sheet) -> int:
        return rules.experts_required(sheet.agency.actual_headcount or 0)


class IndicatorSheetCreateSerializer(serializers.ModelSerializer):
    """`POST /api/v1/indicator-sheets/`: the agency, the date, the expert group (person ids),
    the indicators (at least 3 in each section) and, optionally, the technology of
    measurement. Answered with the sheet as `IndicatorSheetSerializer` shows it."""

    experts = serializers.PrimaryKeyRelatedField(many=True, queryset=Person.objects.none())
    indicators = IndicatorInputSerializer(many=True)

    class Meta:
        model = IndicatorSheet
        fields = [
            "agency",
            "date",
            "experts",
            "indicators",
            "responsible",
            "reports_to",
            "participants",
            "frequency",
            "analyst",
            "visualisation",
            "own_form",
        ]
        validators: list = []  # one per agency and date: the service answers it

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["agency"].queryset = visible_agencies(request.user)
            fields["experts"].child_relation.queryset = visible_people(request.user)
        return fields


class ObservationInputSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    seconds = serializers.DecimalField(**SECONDS, min_value=0, max_value=SECONDS_MAX)
    person = serializers.IntegerField(required=False, allow_null=True, default=None)


class ObservationsSerializer(serializers.Serializer):
    observations = ObservationInputSerializer(many=True)


class IndicatorSheetApproveSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)


class IndicatorRegionRowSerializer(serializers.Serializer):
    """An agency in the region's view: its measurements, its change against the initial state
    in % (negative is a reduction) and the quarterly cadence (L549)."""

    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.short_name")
    sheets = serializers.IntegerField()
    first_date = serializers.DateField(allow_null=True)
    last_date = serializers.DateField(allow_null=True)
    time_change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    cost_change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    next_due = serializers.DateField(source="due_on", allow_null=True)
    overdue = serializers.BooleanField()


def _api_details(error: ApplicationError, name: str) -> ApplicationError:
    """Grid keys `rows.<i>.<field>` as the body names them: `<name>[<i>].<field>`."""
    details = {}
    for key, text in error.details.items():
        parts = str(key).split(".")
        if len(parts) == 3 and parts[0] == "rows":
            details[f"{name}[{parts[1]}].{parts[2]}"] = text
        else:
            details[key] = text
    return type(error)(error.message, details=details)


class SheetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Indicator sheets (§4.7, Appendix 8) of the agencies the user may see. The 5S team
    records a sheet (POST) with at least 3 indicators in each section and an expert group of
    at least 20 % of the agency's actual headcount (400 naming the rule otherwise); adds
    observations to a draft (`observations/`); the leader approves it (`approve/`), after which
    it does not change (409)."""

    serializer_class = IndicatorSheetSerializer
    permission_classes = [HasPortalRole]
    filterset_class = SheetFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        filters = self.request.query_params if self.action == "list" else None
        return selectors.sheet_list(user=self.request.user, filters=filters).prefetch_related(
            "indicators__observations"
        )

    def get_serializer_class(self):
        return (
            IndicatorSheetCreateSerializer if self.action == "create" else IndicatorSheetSerializer
        )

    @extend_schema(
        request=IndicatorSheetCreateSerializer, responses={201: IndicatorSheetSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            sheet = services.sheet_create(
                actor=request.user,
                agency=data["agency"],
                date=data["date"],
                experts=data["experts"],
                indicators=[
                    services.IndicatorInput(
                        section=row["section"],
                        name=row["name"],
                        own=row["own"],
                        observations=[
                            services.ObservationRow(seconds=s) for s in row["observations"]
                        ],
                        month=row["month"],
                        quarter=row["quarter"],
                        year=row["year"],
                    )
                    for row in data["indicators"]
                ],
                method=services.MethodInput(
                    **{name: data[name] for name in services.MethodInput.FIELDS if name in data}
                ),
            )
        except ApplicationError as error:
            raise _api_details(error, "indicators") from error
        sheet = self.get_queryset().get(pk=sheet.pk)
        return Response(
            IndicatorSheetSerializer(sheet, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ObservationsSerializer, responses=IndicatorSheetSerializer)
    @action(detail=True, methods=["post"])
    def observations(self, request, pk=None):
        """Timings recorded as they are measured (L541, L545): `{"observations":
        [{"indicator", "seconds", "person"?}]}`; the max / average / min follow."""
        sheet = self.get_object()
        serializer = ObservationsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        indicators = {indicator.pk: indicator for indicator in sheet.indicators.all()}
        person_ids = {
            row["person"] for row in serializer.validated_data["observations"] if row["person"]
        }
        # Only the sheet's agency's employees: another agency's ids are simply unknown here.
        people = Person.objects.filter(agency_id=sheet.agency_id).in_bulk(list(person_ids))
        entries = []
        errors = {}
        for index, row in enumerate(serializer.validated_data["observations"]):
            indicator = indicators.get(row["indicator"])
            person = people.get(row["person"]) if row["person"] else None
            if indicator is None or (row["person"] and person is None):
                field = "indicator" if indicator is None else "person"
                errors[f"observations[{index}].{field}"] = gettext(
                    "Нет такого показателя или сотрудника."
                )
                continue
            entries.append(
                services.ObservationEntry(
                    indicator=indicator, seconds=row["seconds"], person=person
                )
            )
        if errors:
            raise ApplicationError(
                gettext("Наблюдения не внесены: проверьте строки."), details=errors
            )
        try:
            services.observations_record(actor=request.user, sheet=sheet, entries=entries)
        except ApplicationError as error:
            raise _api_details(error, "observations") from error
        sheet = self.get_queryset().get(pk=sheet.pk)
        return Response(self.get_serializer(sheet).data)

    @extend_schema(request=IndicatorSheetApproveSerializer, responses=IndicatorSheetSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The leader approves the sheet and its technology of measurement (L513)."""
        sheet = self.get_object()
        serializer = IndicatorSheetApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sheet_approve(
            actor=request.user,
            sheet=sheet,
            approved_on=serializer.validated_data.get("approved_on"),
        )
        sheet = self.get_queryset().get(pk=sheet.pk)
        return Response(self.get_serializer(sheet).data)

    @extend_schema(responses=IndicatorRegionRowSerializer(many=True), parameters=[])
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def region(self, request):
        """Every agency the user may see with its change against the initial state; the most
        improved first."""
        rows = selectors.region_view(user=request.user, today=calendar.today())
        return Response(IndicatorRegionRowSerializer(rows, many=True).data)


class TrendPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    max = serializers.DecimalField(**SECONDS, allow_null=True)
    avg = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    min = serializers.DecimalField(**SECONDS, allow_null=True)
    month = serializers.DecimalField(**COST, allow_null=True)
    quarter = serializers.DecimalField(**COST, allow_null=True)
    year = serializers.DecimalField(**COST, allow_null=True)


class TrendSeriesSerializer(serializers.Serializer):
    section = serializers.CharField()
    name = serializers.CharField()
    change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    points = TrendPointSerializer(many=True)


class IndicatorTrendsSerializer(serializers.Serializer):
    """An agency's indicators over its measurements (`dates`), each with its change against the
    initial state in % (negative is a reduction); `time_change` and `cost_change` over the
    indicators measured on both the initial and the latest sheet; `next_due` and `overdue` by
    the quarterly cadence (L549)."""

    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.short_name")
    dates = serializers.ListField(child=serializers.DateField())
    time_change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    cost_change = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    indicators = TrendSeriesSerializer(source="series", many=True)


class AgencyTrendsView(GenericAPIView):
    permission_classes = [HasPortalRole]
    serializer_class = IndicatorTrendsSerializer
    pagination_class = None

    @extend_schema(responses=IndicatorTrendsSerializer)
    def get(self, request, pk):
        try:
            agency = Agency.objects.get(pk=pk)
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not permissions.can_view(request.user, agency.pk):
            raise Http404
        trends = selectors.agency_trends(agency=agency)
        due_on, overdue = selectors.due_state(agency=agency, today=calendar.today())
        body = dict(IndicatorTrendsSerializer(trends).data)
        body["next_due"] = due_on.isoformat() if due_on else None
        body["overdue"] = overdue
        return Response(body)
