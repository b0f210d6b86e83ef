"""REST API of the stock of material objects (§8.2, L1211–1245; Appendix 27), scoped like the
pages (`selectors`), writing through the services (../shared/API.md: a rule's refusal 400, no
right 403, an unseen record 404, a state that no longer allows the action 409).

- `GET /api/v1/stock-places/?agency=&room=&needs_order=` — places with their items' `minimum`,
  `maximum`, `count`, `needs_order`, `over_maximum`; `POST`, `PATCH` by the 5S team.
- `GET/POST /api/v1/stock-items/?agency=&place=`, `PATCH`/`DELETE` `…/{id}/` (levels, the team);
  `POST …/{id}/count/` `{"count", "counted_on"?}` → the item and the request it proposed.
- `GET /api/v1/stock-requests/?agency=&place=&status=`; `PUT …/{id}/lines/`
  `[{"id", "quantity", "note"?}]`; `POST …/{id}/submit/`, `…/approve/`, `…/receive/`
  `{"received_on"?}`; `GET …/{id}/pdf/` (Appendix 27, two copies).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agencies.models import Agency, Person, Room
from core.documents import PDF_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.idempotency import idempotent_action
from standards.api_base import FixedAfterCreateMixin, RecordViewSet, SelectorMixin
from standards.stock import documents, filters, permissions, selectors, services
from standards.stock.choices import QUANTITY_MAX
from standards.stock.models import OrderLine, OrderRequest, StockItem, StockPlace


class StockItemSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    fixed_after_create = ("place", "count")  # a count is recorded through …/count/
    needs_order = serializers.BooleanField(read_only=True)
    over_maximum = serializers.BooleanField(read_only=True)
    place = serializers.PrimaryKeyRelatedField(queryset=StockPlace.objects.all())
    count = serializers.IntegerField(min_value=0, max_value=QUANTITY_MAX, required=False)

    class Meta:
        model = StockItem
        fields = [
            "id",
            "place",
            "name",
            "unit",
            "minimum",
            "maximum",
            "count",
            "counted_on",
            "needs_order",
            "over_maximum",
        ]
        read_only_fields = ["counted_on"]


class PlaceItemSerializer(StockItemSerializer):
    class Meta(StockItemSerializer.Meta):
        fields = [f for f in StockItemSerializer.Meta.fields if f != "place"]
        read_only_fields = fields


class StockPlaceSerializer(FixedAfterCreateMixin, serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.all())
    room_name = serializers.CharField(source="room.name", read_only=True)
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, required=False
    )
    responsible_name = serializers.CharField(
        source="responsible.full_name", read_only=True, default=None
    )
    items = PlaceItemSerializer(many=True, read_only=True)
    needs_order = serializers.SerializerMethodField()

    class Meta:
        model = StockPlace
        fields = [
            "id",
            "agency",
            "room",
            "room_name",
            "name",
            "responsible",
            "responsible_name",
            "lead_days",
            "needs_order",
            "items",
        ]

    def get_needs_order(self, place) -> bool:
        return any(item.needs_order for item in place.items.all())


class OrderLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = ["id", "position", "item", "name", "quantity", "suggested", "note"]
        read_only_fields = fields


class OrderRequestSerializer(serializers.ModelSerializer):
    place_name = serializers.CharField(source="place.__str__", read_only=True)
    lines = OrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = OrderRequest
        fields = [
            "id",
            "agency",
            "place",
            "place_name",
            "number",
            "requested_on",
            "status",
            "responsible",
            "approver",
            "approved_on",
            "on_behalf",
            "received_on",
            "lines",
        ]
        read_only_fields = fields


class CountInputSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, max_value=QUANTITY_MAX)
    counted_on = serializers.DateField(required=False)


class CountResultSerializer(serializers.Serializer):
    item = StockItemSerializer()
    request = serializers.IntegerField(allow_null=True)


class LineInputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=0, max_value=QUANTITY_MAX)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ReceiveInputSerializer(serializers.Serializer):
    received_on = serializers.DateField(required=False)


class StockPlaceViewSet(RecordViewSet):
    """Storage places with their items (the stock standard's section 1, L1229)."""

    serializer_class = StockPlaceSerializer
    filterset_class = filters.StockPlaceFilter
    select = staticmethod(selectors.place_list)
    detail_selector = staticmethod(selectors.place_detail)
    create_service = staticmethod(services.place_create)
    update_service = staticmethod(services.place_update)
    record_arg = "place"


class StockItemViewSet(mixins.DestroyModelMixin, RecordViewSet):
    """Objects of a place's nomenclature with their levels; `count/` records a count."""

    serializer_class = StockItemSerializer
    filterset_class = filters.StockItemFilter
    select = staticmethod(selectors.item_list)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    update_service = staticmethod(services.item_update)
    record_arg = "item"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        place = data.pop("place")
        if not permissions.can_view_agency(self.request.user, place.agency_id):
            raise Http404
        serializer.instance = services.item_create(actor=self.request.user, place=place, data=data)

    def perform_destroy(self, instance):
        services.item_delete(actor=self.request.user, item=instance)

    @extend_schema(request=CountInputSerializer, responses=CountResultSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def count(self, request, pk=None):
        item = self.get_object()
        serializer = CountInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposed = services.count_record(actor=request.user, item=item, **serializer.validated_data)
        item.refresh_from_db()
        return Response(
            {
                "item": StockItemSerializer(item).data,
                "request": proposed.pk if proposed is not None else None,
            }
        )


class OrderRequestViewSet(
    SelectorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Order requests (Appendix 27): proposed by the portal, submitted by the person
    responsible, approved by the head, received from the warehouse (L1217, L1237–1239)."""

    serializer_class = OrderRequestSerializer
    filterset_class = filters.OrderRequestFilter
    select = staticmethod(selectors.request_list)
    detail_selector = staticmethod(selectors.request_detail)

    @extend_schema(request=LineInputSerializer(many=True), responses=OrderRequestSerializer)
    @action(detail=True, methods=["put"])
    def lines(self, request, pk=None):
        order = self.get_object()
        serializer = LineInputSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        lines = {line.pk: line for line in order.lines.all()}
        rows = []
        for index, row in enumerate(serializer.validated_data):
            line = lines.get(row["id"])
            if line is None:
                raise ApplicationError(
                    _("Строки нет в этой заявке."), {f"{index}.id": _("Нет такой строки.")}
                )
            rows.append({**row, "line": line})
        return self._answer(services.request_update(actor=request.user, request=order, rows=rows))

    @extend_schema(request=None, responses=OrderRequestSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def submit(self, request, pk=None):
        return self._answer(services.request_submit(actor=request.user, request=self.get_object()))

    @extend_schema(request=None, responses=OrderRequestSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def approve(self, request, pk=None):
        return self._answer(services.request_approve(actor=request.user, request=self.get_object()))

    @extend_schema(request=ReceiveInputSerializer, responses=OrderRequestSerializer)
    @action(detail=True, methods=["post"])
    @idempotent_action
    def receive(self, request, pk=None):
        serializer = ReceiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.request_receive(
            actor=request.user, request=self.get_object(), **serializer.validated_data
        )
        return self._answer(order)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        order = self.get_object()
        return file_response(
            documents.request_pdf(order), PDF_CONTENT_TYPE, documents.request_filename(order)
        )


def register(router) -> None:
    router.register("stock-places", StockPlaceViewSet, basename="stock-place")
    router.register("stock-items", StockItemViewSet, basename="stock-item")
    router.register("stock-requests", OrderRequestViewSet, basename="stock-request")
