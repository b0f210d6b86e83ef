"""REST API of visual control (Appendix 28) and the criteria 4.6/4.7 records, scoped like the
pages and writing through the services.

- `GET/POST /api/v1/visual-control-lists/?agency=&room=&status=`; `PATCH …/{id}/`
  `{"compiled_on"?, "compilers"?, "points"?: [{"category", "control_point", "requirement",
  "checker"?}]}` (points replace the list's rows while it is a draft); `POST …/{id}/agree/`
  (the 5S team leader); `GET …/{id}/pdf/`, `…/{id}/xlsx/`.
- `GET/POST /api/v1/error-proofing/?agency=&in_force=`, `PATCH …/{id}/`.
- `GET/POST /api/v1/emergency-procedures/?agency=&status=`, `PATCH …/{id}/`,
  `POST …/{id}/approve/` (the head).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.models import Agency, Person, Room
from agencies.permissions import readable_agency_or_404
from core.api.parsers import JSONParser
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.idempotency import idempotent_action
from standards.api_base import FixedAfterCreateMixin, RecordViewSet
from standards.visual import documents, filters, selectors, services
from standards.visual.choices import COMPILERS_MAX, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)


class PointSerializer(serializers.ModelSerializer):
    checker = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, required=False
    )
    checker_name = serializers.CharField(source="checker.full_name", read_only=True, default=None)

    class Meta:
        model = VisualControlPoint
        fields = ["position", "category", "control_point", "requirement", "checker", "checker_name"]
        read_only_fields = ["position"]


class VisualListSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    fixed_after_create = ("agency", "room")
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    room_name = serializers.CharField(source="room.name", read_only=True)
    compilers = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), many=True, required=False
    )
    compiled_on = serializers.DateField(required=False)
    points = PointSerializer(many=True, required=False)

    class Meta:
        model = VisualControlList
        fields = [
            "id",
            "agency",
            "room",
            "room_name",
            "compiled_on",
            "compilers",
            "status",
            "leader",
            "agreed_on",
            "points",
        ]
        read_only_fields = ["status", "leader", "agreed_on"]

    def validate_compilers(self, value):
        if len(value) > COMPILERS_MAX:
            raise serializers.ValidationError(
                f"Перечень подписывают не более {COMPILERS_MAX} составителей (приложение 28)."
            )
        return value


class ErrorProofingSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(), allow_null=True, required=False
    )
    error = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    measure = serializers.CharField(max_length=TEXT_MAX_LENGTH)

    class Meta:
        model = ErrorProofing
        fields = ["id", "agency", "room", "error", "measure", "in_force"]


class EmergencyProcedureSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)

    class Meta:
        model = EmergencyProcedure
        fields = [
            "id",
            "agency",
            "title",
            "steps",
            "posted_at",
            "equipment",
            "status",
            "approver",
            "approved_on",
        ]
        read_only_fields = ["status", "approver", "approved_on"]


class VisualControlListViewSet(RecordViewSet):
    """Lists of visual control points per room (Appendix 28)."""

    serializer_class = VisualListSerializer
    parser_classes = [JSONParser]  # its points are nested rows: JSON only
    filterset_class = filters.VisualListFilter
    select = staticmethod(selectors.list_list)
    detail_selector = staticmethod(selectors.list_detail)
    record_arg = "control_list"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = readable_agency_or_404(self.request.user, data["agency"])
        created = services.list_create(
            actor=self.request.user,
            agency=agency,
            room=data["room"],
            compiled_on=data.get("compiled_on"),
            compilers=data.get("compilers", []),
            points=data.get("points", []),
        )
        serializer.instance = self._written(created)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        points = data.pop("points", None)
        updated = services.list_update(
            actor=self.request.user, control_list=serializer.instance, data=data, points=points
        )
        serializer.instance = self._written(updated)

    @extend_schema(request=None, responses=VisualListSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def agree(self, request, pk=None):
        return self._act(services.list_agree)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        found = self.get_object()
        return file_response(
            documents.list_pdf(found), PDF_CONTENT_TYPE, documents.list_filename(found, "pdf")
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        found = self.get_object()
        return file_response(
            documents.list_xlsx(found), XLSX_CONTENT_TYPE, documents.list_filename(found, "xlsx")
        )


class ErrorProofingViewSet(RecordViewSet):
    """Means of error-proofing (criterion 4.6, L2465)."""

    serializer_class = ErrorProofingSerializer
    filterset_class = filters.ErrorProofingFilter
    select = staticmethod(selectors.proofing_list)
    create_service = staticmethod(services.proofing_create)
    update_service = staticmethod(services.proofing_update)
    record_arg = "proofing"


class EmergencyProcedureViewSet(RecordViewSet):
    """The emergency procedure (criterion 4.7, L2475); `approve/` by the head."""

    serializer_class = EmergencyProcedureSerializer
    filterset_class = filters.EmergencyProcedureFilter
    select = staticmethod(selectors.procedure_list)
    create_service = staticmethod(services.procedure_create)
    update_service = staticmethod(services.procedure_update)
    record_arg = "procedure"

    @extend_schema(request=None, responses=EmergencyProcedureSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def approve(self, request, pk=None):
        approved = services.procedure_approve(actor=request.user, procedure=self.get_object())
        return Response(EmergencyProcedureSerializer(approved).data)


def register(router) -> None:
    router.register("visual-control-lists", VisualControlListViewSet, basename="visual-list")
    router.register("error-proofing", ErrorProofingViewSet, basename="error-proofing")
    router.register(
        "emergency-procedures", EmergencyProcedureViewSet, basename="emergency-procedure"
    )
