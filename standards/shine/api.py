"""REST API of step 3 «Содержание в чистоте» (§7, L950–1070; Appendices 19–25), scoped like the
pages (`selectors`), writing through the services (../shared/API.md: a rule's refusal 400, no
right 403, an unseen record 404, a state that no longer allows the action 409).

- `GET/POST /api/v1/contamination-types/?agency=` (Appendix 22; the team adds its agency's
  rows), `PATCH`/`DELETE …/{id}/` (an agency's own rows only).
- `GET/POST /api/v1/cleaning-analyses/?agency=&kind=&room=&overdue=` (Appendices 20, 23) with
  their `rows`; `PATCH …/{id}/` until agreed; `POST …/{id}/sign/` `{"role"}`;
  `POST …/{id}/done-dates/` `[{"id", "done_on"}]`; `GET …/{id}/pdf/`, `…/xlsx/`.
- `GET/POST /api/v1/cleaning-plans/?agency=&room=&approved=` (Appendix 24); `PATCH` until
  signed; `POST …/{id}/sign/` `{"role": "leader"|"housekeeping"|"inventory"|"head"}`;
  `GET …/{id}/pdf/` (a copy per room), `…/xlsx/`.
- `GET/POST /api/v1/cleaning-schedules/?agency=&room=&on=&signed=&overdue=` (Appendix 25, at
  least a quarter); `PATCH` until signed; `POST …/{id}/sign/`; `POST …/{id}/done-dates/`
  `[{"id", "done_on"}]` by the employees it names; `GET …/{id}/pdf/`.
- `GET/POST /api/v1/general-cleanings/?agency=` (L1025–1057); `PATCH` until agreed;
  `POST …/{id}/agree/` (the head).
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from agencies.models import Agency, Person, Room
from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.idempotency import idempotent_action
from standards.api_base import FixedAfterCreateMixin, RecordViewSet
from standards.shine import documents, filters, selectors, services
from standards.shine.choices import SignRole
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    PlanRow,
    ScheduleRow,
    Signature,
)


def _people():
    return serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False
    )


def _person():
    return serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, required=False
    )


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(" + "|".join(SignRole.values) + ")$",
        "description": ", ".join(f"`{value}` — {label}" for value, label in SignRole.choices),
    }
)
class SignRoleField(serializers.ChoiceField):
    """A signer's role (SignRole), described inline in the schema (a pattern, not an enum
    component: the sorting app's «role» is another choice set of the same name)."""

    def __init__(self, **kwargs):
        super().__init__(choices=SignRole.choices, **kwargs)


class SignatureSerializer(serializers.ModelSerializer):
    role = SignRoleField(read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Signature
        fields = ["role", "person", "person_name", "signed_on", "on_behalf"]
        read_only_fields = fields


class SignInputSerializer(serializers.Serializer):
    role = SignRoleField()


class DoneDateInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1)
    done_on = serializers.DateField(allow_null=True)


def _sign_input(request) -> dict:
    data = SignInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    return {"role": data.validated_data["role"]}


def _done_dates_input(request) -> dict:
    data = DoneDateInputSerializer(data=request.data, many=True)
    data.is_valid(raise_exception=True)
    return {"dates": {row["id"]: row["done_on"] for row in data.validated_data}}


class ContaminationTypeSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    # null: a row of Appendix 22 itself; a team's own row names its agency.
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all(), allow_null=True)

    class Meta:
        model = ContaminationType
        fields = ["id", "agency", "name", "places", "actions", "order"]

    def validate_agency(self, value):
        if value is None:
            raise serializers.ValidationError(
                _("Укажите ОИВ ЯО / СППО: строки приложения 22 загружаются из его текста.")
            )
        return value


class ContaminationTypeViewSet(mixins.DestroyModelMixin, RecordViewSet):
    """The contamination classifier (Appendix 22): `agency` null for the appendix's rows."""

    serializer_class = ContaminationTypeSerializer
    filterset_class = filters.ContaminationTypeFilter
    select = staticmethod(selectors.contamination_list)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_service = staticmethod(services.contamination_create)
    update_service = staticmethod(services.contamination_update)
    record_arg = "kind"

    def perform_destroy(self, instance):
        services.contamination_delete(actor=self.request.user, kind=instance)


# --- Analyses ---------------------------------------------------------------------------------


class AnalysisRowSerializer(serializers.ModelSerializer):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    room_name = serializers.CharField(source="room.name", read_only=True)
    contamination = serializers.PrimaryKeyRelatedField(
        queryset=ContaminationType.objects.all(), allow_null=True, required=False
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = AnalysisRow
        fields = [
            "id",
            "position",
            "room",
            "room_name",
            "place",
            "contamination",
            "cause",
            "action",
            "planned_on",
            "done_on",
            "responsible",
            "overdue",
        ]
        read_only_fields = ["id", "position", "done_on"]

    def get_overdue(self, row) -> bool:
        return row.is_overdue(calendar.today())


class CleaningAnalysisSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    fixed_after_create = ("agency", "kind")
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    analysts = _people()
    leader = _person()
    housekeeping = _person()
    controller = _person()
    rows = AnalysisRowSerializer(many=True)
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = CleaningAnalysis
        fields = [
            "id",
            "agency",
            "kind",
            "date",
            "analysts",
            "leader",
            "housekeeping",
            "controller",
            "rows",
            "signatures",
        ]


class CleaningAnalysisViewSet(RecordViewSet):
    """Analyses of hard-to-clean places (Appendix 20) and of places needing cleaning
    (Appendix 23)."""

    serializer_class = CleaningAnalysisSerializer
    filterset_class = filters.CleaningAnalysisFilter
    select = staticmethod(selectors.analysis_list)
    detail_selector = staticmethod(selectors.analysis_detail)
    create_service = staticmethod(services.analysis_create)
    update_service = staticmethod(services.analysis_update)
    record_arg = "analysis"

    @extend_schema(request=SignInputSerializer, responses=CleaningAnalysisSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def sign(self, request, pk=None):
        return self._act(services.analysis_sign, _sign_input)

    @extend_schema(request=DoneDateInputSerializer(many=True), responses=CleaningAnalysisSerializer)
    @action(detail=True, methods=["post"], url_path="done-dates")
    def done_dates(self, request, pk=None):
        return self._act(services.analysis_done_record, _done_dates_input)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        analysis = self.get_object()
        return file_response(
            documents.analysis_pdf(analysis),
            PDF_CONTENT_TYPE,
            documents.analysis_filename(analysis),
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        analysis = self.get_object()
        return file_response(
            documents.analysis_xlsx(analysis),
            XLSX_CONTENT_TYPE,
            documents.analysis_filename(analysis, "xlsx"),
        )


# --- Plans ------------------------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "08:30"}
)
class ClockTimeField(serializers.TimeField):
    """A clock time «HH:MM» (../shared/API.md), as Appendix 24's «Время уборки» (8.30 – 8.45)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M"], **kwargs)


class PlanRowSerializer(serializers.ModelSerializer):
    time_from = ClockTimeField()
    time_to = ClockTimeField()

    class Meta:
        model = PlanRow
        fields = [
            "position",
            "activity",
            "frequency",
            "time_from",
            "time_to",
            "equipment",
            "responsible",
            "safety",
        ]
        read_only_fields = ["position"]


class CleaningPlanSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    rooms = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all(), many=True)
    compilers = _people()
    leader = _person()
    housekeeping = _person()
    inventory_officer = _person()
    rows = PlanRowSerializer(many=True)
    signatures = SignatureSerializer(many=True, read_only=True)
    approved = serializers.SerializerMethodField()

    class Meta:
        model = CleaningPlan
        fields = [
            "id",
            "agency",
            "department",
            "rooms",
            "compilers",
            "leader",
            "housekeeping",
            "inventory_officer",
            "inventory_phone",
            "rows",
            "signatures",
            "approved",
        ]

    def get_approved(self, plan) -> bool:
        return any(s.role == SignRole.HEAD for s in plan.signatures.all())


class CleaningPlanViewSet(RecordViewSet):
    """Cleaning-inspection plans (Appendix 24)."""

    serializer_class = CleaningPlanSerializer
    filterset_class = filters.CleaningPlanFilter
    select = staticmethod(selectors.plan_list)
    detail_selector = staticmethod(selectors.plan_detail)
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    record_arg = "plan"

    @extend_schema(request=SignInputSerializer, responses=CleaningPlanSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def sign(self, request, pk=None):
        return self._act(services.plan_sign, _sign_input)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        plan = self.get_object()
        return file_response(
            documents.plan_pdf(plan), PDF_CONTENT_TYPE, documents.plan_filename(plan)
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        plan = self.get_object()
        return file_response(
            documents.plan_xlsx(plan), XLSX_CONTENT_TYPE, documents.plan_filename(plan, "xlsx")
        )


# --- Schedules --------------------------------------------------------------------------------


class ScheduleDateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    planned_on = serializers.DateField(read_only=True)
    done_on = serializers.DateField(read_only=True, allow_null=True)


class ScheduleRowSerializer(serializers.ModelSerializer):
    dates = serializers.ListField(child=serializers.DateField(), write_only=True)
    planned = ScheduleDateSerializer(source="dates", many=True, read_only=True)

    class Meta:
        model = ScheduleRow
        fields = ["position", "work", "frequency", "dates", "planned"]
        read_only_fields = ["position"]


class CleaningScheduleSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    room_name = serializers.CharField(source="room.name", read_only=True)
    plan = serializers.PrimaryKeyRelatedField(
        queryset=CleaningPlan.objects.all(), allow_null=True, required=False
    )
    department_head = _person()
    staff = _people()
    rows = ScheduleRowSerializer(many=True)
    signatures = SignatureSerializer(many=True, read_only=True)
    signed = serializers.SerializerMethodField()

    class Meta:
        model = CleaningSchedule
        fields = [
            "id",
            "agency",
            "room",
            "room_name",
            "plan",
            "department",
            "period_start",
            "period_end",
            "department_head",
            "staff",
            "rows",
            "signatures",
            "signed",
        ]

    def get_signed(self, schedule) -> bool:
        return bool(schedule.signatures.all())


class CleaningScheduleViewSet(RecordViewSet):
    """Cleaning schedules of a room for at least a quarter (Appendix 25)."""

    serializer_class = CleaningScheduleSerializer
    filterset_class = filters.CleaningScheduleFilter
    select = staticmethod(selectors.schedule_list)
    detail_selector = staticmethod(selectors.schedule_detail)
    create_service = staticmethod(services.schedule_create)
    update_service = staticmethod(services.schedule_update)
    record_arg = "schedule"

    @extend_schema(request=None, responses=CleaningScheduleSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def sign(self, request, pk=None):
        return self._act(services.schedule_sign)

    @extend_schema(request=DoneDateInputSerializer(many=True), responses=CleaningScheduleSerializer)
    @action(detail=True, methods=["post"], url_path="done-dates")
    def done_dates(self, request, pk=None):
        return self._act(services.schedule_done_record, _done_dates_input)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        schedule = self.get_object()
        return file_response(
            documents.schedule_pdf(schedule),
            PDF_CONTENT_TYPE,
            documents.schedule_filename(schedule),
        )


# --- General cleaning -------------------------------------------------------------------------


class GeneralCleaningSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    inventory_check_at = serializers.DateTimeField(read_only=True)
    briefing_at = serializers.DateTimeField(read_only=True)
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = GeneralCleaning
        fields = [
            "id",
            "agency",
            "preparation_start",
            "preparation_end",
            "cleaning_start",
            "cleaning_end",
            "inventory_check_at",
            "briefing_at",
            "cleaners",
            "notes",
            "signatures",
        ]


class GeneralCleaningViewSet(RecordViewSet):
    """The general cleaning-inspection day (§7.3, L1025–1057)."""

    serializer_class = GeneralCleaningSerializer
    filterset_class = filters.GeneralCleaningFilter
    select = staticmethod(selectors.general_cleaning_list)
    detail_selector = staticmethod(selectors.general_cleaning_detail)
    create_service = staticmethod(services.general_cleaning_create)
    update_service = staticmethod(services.general_cleaning_update)
    record_arg = "cleaning"

    @extend_schema(request=None, responses=GeneralCleaningSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def agree(self, request, pk=None):
        return self._act(services.general_cleaning_agree)


def register(router) -> None:
    router.register("contamination-types", ContaminationTypeViewSet, basename="contamination-type")
    router.register("cleaning-analyses", CleaningAnalysisViewSet, basename="cleaning-analysis")
    router.register("cleaning-plans", CleaningPlanViewSet, basename="cleaning-plan")
    router.register("cleaning-schedules", CleaningScheduleViewSet, basename="cleaning-schedule")
    router.register("general-cleanings", GeneralCleaningViewSet, basename="general-cleaning")
