"""REST API of «Set in order» (step 2, §6, L770–950; Appendix 21), scoped like the pages
(`selectors`), writing through the services (../shared/API.md: a rule's refusal 400, no right
403, an unseen record 404, a state that no longer allows the action 409).

- `GET /api/v1/placement-schemes/?agency=&room=&kind=&status=`; `POST` multipart
  `{"room", "kind": "current_map" | "rational", "file", "note"?}` (the 5S team; an image or a
  PDF); `POST …/{id}/approve/` (the head); `GET …/{id}/file/`.
- `GET /api/v1/placement-schedules/?agency=&status=&copy_sent=`; `POST` `{"agency",
  "drawn_up_on"?, "rows": [{"room", "responsible", "date_from", "date_to"}]}`; `PUT
  …/{id}/rows/` `[rows]` while a draft; `POST …/{id}/agree/` (the head), `…/copy-sent/`
  `{"copy_sent_on"?}` (the leader); `GET …/{id}/pdf/`, `…/xlsx/`.
- `GET /api/v1/placement-rules/?agency=&status=`; `POST` `{"agency", "storage_rules",
  "visual_rules", "desk_items": [{"name", "quantity", "place"}]}`; `POST …/{id}/approve/`;
  `GET …/{id}/pdf/` (Appendix 21), `…/xlsx/` (its list of desk items).
"""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from agencies.models import Agency, Person, Room
from agencies.permissions import readable_agency_or_404
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.idempotency import idempotent_action
from standards.api_base import SelectorMixin
from standards.placement import documents, filters, selectors, services
from standards.placement.choices import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    QUANTITY_MAX,
    RULES_MAX_LENGTH,
)
from standards.placement.models import (
    DeskItem,
    PlacementRules,
    PlacementSchedule,
    PlacementScheduleRow,
    PlacementScheme,
)

# The choice fields are plain strings in the schema: an enum component would collide with the
# other apps' «kind» and «status» enums (the values are in each field's help text).
KIND_HELP = "current_map | rational"
APPROVAL_HELP = "pending | approved"


class PlacementSchemeSerializer(serializers.ModelSerializer):
    room_name = serializers.CharField(source="room.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    status = serializers.CharField(read_only=True, help_text=APPROVAL_HELP)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = PlacementScheme
        fields = [
            "id",
            "agency",
            "room",
            "room_name",
            "kind",
            "version",
            "content_type",
            "note",
            "status",
            "approver",
            "approved_on",
            "on_behalf",
            "uploaded_at",
            "file_url",
        ]
        read_only_fields = fields

    def get_file_url(self, scheme) -> str:
        return f"/api/v1/placement-schemes/{scheme.pk}/file/"


class SchemeUploadSerializer(serializers.Serializer):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    kind = serializers.CharField(max_length=16, help_text=KIND_HELP)
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX_LENGTH)


class PlacementSchemeViewSet(
    SelectorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Current-state maps and rational-placement schemes of the rooms (§6.2, §6.3), every
    version; the head approves a scheme (L893)."""

    serializer_class = PlacementSchemeSerializer
    filterset_class = filters.PlacementSchemeFilter
    select = staticmethod(selectors.scheme_list)
    detail_selector = staticmethod(selectors.scheme_detail)
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=SchemeUploadSerializer, responses={201: PlacementSchemeSerializer})
    @idempotent_action
    def create(self, request):
        serializer = SchemeUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        room = data["room"]
        readable_agency_or_404(request.user, room.agency)
        scheme = services.scheme_upload(
            actor=request.user,
            room=room,
            kind=data["kind"],
            file=data["file"],
            note=data.get("note", ""),
        )
        return self._answer(scheme, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PlacementSchemeSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def approve(self, request, pk=None):
        return self._answer(services.scheme_approve(actor=request.user, scheme=self.get_object()))

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        scheme = self.get_object()
        return FileResponse(
            scheme.file.open("rb"),
            content_type=scheme.content_type,
            filename=scheme.download_name,
            as_attachment=False,
        )


class PlacementScheduleRowSerializer(serializers.ModelSerializer):
    room_name = serializers.CharField(source="room.name", read_only=True)
    responsible_name = serializers.CharField(source="responsible.full_name", read_only=True)

    class Meta:
        model = PlacementScheduleRow
        fields = [
            "position",
            "room",
            "room_name",
            "responsible",
            "responsible_name",
            "date_from",
            "date_to",
        ]
        read_only_fields = fields


class ScheduleRowInputSerializer(serializers.Serializer):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    responsible = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    date_from = serializers.DateField()
    date_to = serializers.DateField()


class PlacementScheduleSerializer(serializers.ModelSerializer):
    rows = PlacementScheduleRowSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True, help_text="draft | agreed")
    copy_due = serializers.DateField(read_only=True)

    class Meta:
        model = PlacementSchedule
        fields = [
            "id",
            "agency",
            "drawn_up_on",
            "status",
            "approver",
            "agreed_on",
            "on_behalf",
            "copy_due",
            "copy_sent_on",
            "rows",
        ]
        read_only_fields = fields


class ScheduleCreateSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    drawn_up_on = serializers.DateField(required=False)
    rows = ScheduleRowInputSerializer(many=True)


class CopySentSerializer(serializers.Serializer):
    copy_sent_on = serializers.DateField(required=False)


class PlacementScheduleViewSet(
    SelectorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The placement schedule (L901): one responsible person per room, agreed by the head;
    its paper copy due to the group head within 3 working days (L907)."""

    serializer_class = PlacementScheduleSerializer
    filterset_class = filters.PlacementScheduleFilter
    select = staticmethod(selectors.schedule_list)
    detail_selector = staticmethod(selectors.schedule_detail)

    @extend_schema(request=ScheduleCreateSerializer, responses={201: PlacementScheduleSerializer})
    @idempotent_action
    def create(self, request):
        serializer = ScheduleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = readable_agency_or_404(request.user, data["agency"])
        schedule = services.schedule_create(
            actor=request.user,
            agency=agency,
            drawn_up_on=data.get("drawn_up_on"),
            rows=data["rows"],
        )
        return self._answer(schedule, status.HTTP_201_CREATED)

    @extend_schema(
        request=ScheduleRowInputSerializer(many=True), responses=PlacementScheduleSerializer
    )
    @action(detail=True, methods=["put"])
    def rows(self, request, pk=None):
        schedule = self.get_object()
        serializer = ScheduleRowInputSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        return self._answer(
            services.schedule_update(
                actor=request.user, schedule=schedule, rows=serializer.validated_data
            )
        )

    @extend_schema(request=None, responses=PlacementScheduleSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def agree(self, request, pk=None):
        return self._answer(services.schedule_agree(actor=request.user, schedule=self.get_object()))

    @extend_schema(request=CopySentSerializer, responses=PlacementScheduleSerializer)
    @action(detail=True, methods=["post"], url_path="copy-sent")
    @idempotent_action
    def copy_sent(self, request, pk=None):
        serializer = CopySentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        schedule = services.schedule_copy_sent(
            actor=request.user,
            schedule=self.get_object(),
            sent_on=serializer.validated_data.get("copy_sent_on"),
        )
        return self._answer(schedule)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        schedule = self.get_object()
        return file_response(
            documents.schedule_pdf(schedule),
            PDF_CONTENT_TYPE,
            documents.schedule_filename(schedule),
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        schedule = self.get_object()
        return file_response(
            documents.schedule_xlsx(schedule),
            XLSX_CONTENT_TYPE,
            documents.schedule_filename(schedule, "xlsx"),
        )


class DeskItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeskItem
        fields = ["position", "name", "quantity", "place"]
        read_only_fields = ["position"]


class PlacementRulesSerializer(serializers.ModelSerializer):
    desk_items = DeskItemSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True, help_text=APPROVAL_HELP)

    class Meta:
        model = PlacementRules
        fields = [
            "id",
            "agency",
            "version",
            "storage_rules",
            "visual_rules",
            "desk_items",
            "status",
            "approver",
            "approved_on",
            "on_behalf",
        ]
        read_only_fields = fields


class DeskItemInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX_LENGTH)
    quantity = serializers.IntegerField(min_value=1, max_value=QUANTITY_MAX)
    place = serializers.CharField(max_length=PLACE_MAX_LENGTH)


class RulesCreateSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    storage_rules = serializers.CharField(max_length=RULES_MAX_LENGTH)
    visual_rules = serializers.CharField(max_length=RULES_MAX_LENGTH)
    desk_items = DeskItemInputSerializer(many=True)


class PlacementRulesViewSet(
    SelectorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The storage and visualisation system (Appendix 21): the list of desk items, the storage
    rules and the visualisation rules, every edition; the head approves (L893)."""

    serializer_class = PlacementRulesSerializer
    filterset_class = filters.PlacementRulesFilter
    select = staticmethod(selectors.rules_list)
    detail_selector = staticmethod(selectors.rules_detail)

    @extend_schema(request=RulesCreateSerializer, responses={201: PlacementRulesSerializer})
    @idempotent_action
    def create(self, request):
        serializer = RulesCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = readable_agency_or_404(request.user, data["agency"])
        document = services.rules_create(
            actor=request.user,
            agency=agency,
            storage_rules=data["storage_rules"],
            visual_rules=data["visual_rules"],
            items=data["desk_items"],
        )
        return self._answer(document, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PlacementRulesSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def approve(self, request, pk=None):
        return self._answer(services.rules_approve(actor=request.user, document=self.get_object()))

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        document = self.get_object()
        return file_response(
            documents.rules_pdf(document), PDF_CONTENT_TYPE, documents.rules_filename(document)
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        document = self.get_object()
        return file_response(
            documents.rules_xlsx(document),
            XLSX_CONTENT_TYPE,
            documents.rules_xlsx_filename(document),
        )


def register(router) -> None:
    router.register("placement-schemes", PlacementSchemeViewSet, basename="placement-scheme")
    router.register("placement-schedules", PlacementScheduleViewSet, basename="placement-schedule")
    router.register("placement-rules", PlacementRulesViewSet, basename="placement-rules")
