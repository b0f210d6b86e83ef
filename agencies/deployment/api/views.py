"""The deployment plans and orders in the API, scoped like their pages (permissions.scoped)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from agencies.deployment import documents, permissions, selectors, services
from agencies.deployment.api.serializers import (
    ApproveSerializer,
    CopiesSentSerializer,
    DeploymentOrderSerializer,
    DeploymentPlanSerializer,
    PlanActivitySerializer,
    PlanCreateSerializer,
    ScanSerializer,
)
from agencies.deployment.filters import DeploymentOrderFilter, DeploymentPlanFilter
from agencies.deployment.models import DeploymentPlan, PlanActivity
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.views import selected_or_404


def _visible_agency(user, agency):
    if not permissions.can_view(user, agency):
        raise Http404
    return agency


class DeploymentPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Deployment plans (§4.8, Appendix 10) of the agencies the user may see: `?agency=`,
    `?year=`, `?status=`. POST makes a plan from the regulation's template (one per agency and
    year); PATCH `activities/{id}/` changes dates and people (also past the maximum);
    POST `approve/` approves it (400 naming each activity over its maximum)."""

    serializer_class = DeploymentPlanSerializer
    permission_classes = [HasPortalRole]
    filterset_class = DeploymentPlanFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        if self.action == "list":
            return selectors.plan_list(
                user=self.request.user, filters=self.request.query_params
            ).prefetch_related("activities")
        return selectors.plan_list(user=self.request.user).prefetch_related("activities")

    def _plan(self) -> DeploymentPlan:
        return selected_or_404(selectors.plan_detail, user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, plan_id, code=status.HTTP_200_OK):
        plan = selectors.plan_detail(user=self.request.user, pk=plan_id)
        return Response(DeploymentPlanSerializer(plan).data, status=code)

    @extend_schema(request=PlanCreateSerializer, responses={201: DeploymentPlanSerializer})
    def create(self, request, *args, **kwargs):
        serializer = PlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = _visible_agency(request.user, data["agency"])
        plan = services.plan_create(
            actor=request.user, agency=agency, year=data["year"], starts_on=data.get("starts_on")
        )
        return self._answer(plan.pk, status.HTTP_201_CREATED)

    @extend_schema(request=PlanActivitySerializer, responses={200: PlanActivitySerializer})
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"activities/(?P<activity_id>\d+)",
        url_name="activity",
    )
    def activity(self, request, pk=None, activity_id=None):
        plan = self._plan()
        activity = get_object_or_404(PlanActivity, pk=activity_id, plan=plan)
        serializer = PlanActivitySerializer(activity, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        activity = services.activity_update(
            actor=request.user, activity=activity, data=dict(serializer.validated_data)
        )
        return Response(PlanActivitySerializer(activity).data)

    @extend_schema(request=ApproveSerializer, responses={200: DeploymentPlanSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self._plan()
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plan_approve(
            actor=request.user, plan=plan, approved_on=serializer.validated_data.get("approved_on")
        )
        return self._answer(plan.pk)

    @extend_schema(request=CopiesSentSerializer, responses={200: DeploymentPlanSerializer})
    @action(detail=True, methods=["post"], url_path="copies-sent")
    def copies_sent(self, request, pk=None):
        plan = self._plan()
        serializer = CopiesSentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plan_copies_sent(
            actor=request.user, plan=plan, sent_on=serializer.validated_data["sent_on"]
        )
        return self._answer(plan.pk)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        plan = self._plan()
        return file_response(
            documents.plan_pdf(plan), PDF_CONTENT_TYPE, documents.plan_filename(plan, "pdf")
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        plan = self._plan()
        return file_response(
            documents.plan_xlsx(plan), XLSX_CONTENT_TYPE, documents.plan_filename(plan, "xlsx")
        )


class DeploymentOrderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Deployment orders (§4.4, Appendix 5) of the agencies the user may see: `?agency=`,
    `?year=`. POST `scan/` (multipart field `file`) attaches the scanned order."""

    serializer_class = DeploymentOrderSerializer
    permission_classes = [HasPortalRole]
    filterset_class = DeploymentOrderFilter
    filter_backends = [SelectorFilters]
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        filters = self.request.query_params if self.action == "list" else None
        return selectors.order_list(user=self.request.user, filters=filters)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        agency = _visible_agency(request.user, data.pop("agency"))
        order = services.order_create(actor=request.user, agency=agency, data=data)
        return Response(self.get_serializer(order).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        order = self.get_object()
        serializer = self.get_serializer(order, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("agency", None)
        order = services.order_update(actor=request.user, order=order, data=data)
        return Response(self.get_serializer(order).data)

    @extend_schema(
        request={"multipart/form-data": ScanSerializer}, responses=DeploymentOrderSerializer
    )
    @action(detail=True, methods=["post"])
    def scan(self, request, pk=None):
        order = self.get_object()
        serializer = ScanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        order = services.order_scan_attach(
            actor=request.user, order=order, file=serializer.validated_data["file"]
        )
        return Response(self.get_serializer(order).data)
