from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.api.filters import SelectorListMixin
from core.api.permissions import HasPortalRole
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.idempotency import IdempotentCreateMixin, idempotent_action
from sorting import filters, permissions, reports, selectors, services
from sorting.api.serializers import (
    ApprovalInputSerializer,
    ApprovalSerializer,
    DecisionSerializer,
    LineSerializer,
    RedTagSerializer,
    SortingFiguresSerializer,
    SortingListSerializer,
    SortingRoundSerializer,
    StorageAdmissionSerializer,
    StorageCheckSerializer,
)


def _visible_agency_or_404(user, agency):
    if not permissions.can_view_agency(user, agency.pk):
        raise Http404
    return agency


class RedTagViewSet(
    SelectorListMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Red tags (Appendix 1) of the user's agencies: `?agency=<id>`, `?q=<text>`.

    POST creates a tag; the registration number is assigned by the server (`number`)."""

    serializer_class = RedTagSerializer
    permission_classes = [HasPortalRole]
    filterset_class = filters.RedTagFilter
    selector = staticmethod(selectors.tag_rows)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = _visible_agency_or_404(self.request.user, data.pop("agency"))
        sorting_round = data.pop("round", None)  # the service refuses another agency's round
        tag = services.redtag_create(
            actor=self.request.user, agency=agency, data=data, sorting_round=sorting_round
        )
        # Read back as a list row: the answer shows the list line the tag went into.
        serializer.instance = selectors.tag_detail(user=self.request.user, pk=tag.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("agency", None)
        data.pop("round", None)
        serializer.instance = services.redtag_update(
            actor=self.request.user, tag=serializer.instance, data=data
        )

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        tag = self.get_object()
        return file_response(reports.tags_pdf([tag]), PDF_CONTENT_TYPE, reports.tag_filename(tag))


class SortingRoundViewSet(
    SelectorListMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Sortings (§5.4) with the ids of their two lists; `?agency=<id>`."""

    serializer_class = SortingRoundSerializer
    permission_classes = [HasPortalRole]
    filterset_class = filters.SortingRoundFilter
    selector = staticmethod(selectors.round_list)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("participants", "lists")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = _visible_agency_or_404(self.request.user, data.pop("agency"))
        serializer.instance = services.round_create(
            actor=self.request.user,
            agency=agency,
            date_from=data["date_from"],
            date_to=data.get("date_to"),
            rooms=data.get("rooms", ""),
            participants=data.get("participants", []),
            next_sorting_on=data.get("next_sorting_on"),
        )


class SortingListViewSet(SelectorListMixin, viewsets.ReadOnlyModelViewSet):
    """The lists of unneeded (Appendix 16) and rarely-needed (Appendix 17) items, with their
    lines, decisions and agreements; `?agency=<id>`, `?kind=`. POST `approvals/` records an
    agreement."""

    serializer_class = SortingListSerializer
    permission_classes = [HasPortalRole]
    filterset_class = filters.SortingListFilter
    selector = staticmethod(selectors.list_list)

    @extend_schema(request=ApprovalInputSerializer, responses={201: ApprovalSerializer})
    @action(detail=True, methods=["post"], serializer_class=ApprovalInputSerializer)
    @idempotent_action
    def approvals(self, request, pk=None):
        sorting_list = self.get_object()
        serializer = ApprovalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        approval = services.list_approve(
            actor=request.user, sorting_list=sorting_list, **serializer.validated_data
        )
        return Response(ApprovalSerializer(approval).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        sorting_list = selectors.list_detail(user=request.user, pk=self.get_object().pk)
        return file_response(
            reports.list_pdf(sorting_list),
            PDF_CONTENT_TYPE,
            reports.list_filename(sorting_list, "pdf"),
        )

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        sorting_list = selectors.list_detail(user=request.user, pk=self.get_object().pk)
        return file_response(
            reports.list_xlsx(sorting_list),
            XLSX_CONTENT_TYPE,
            reports.list_filename(sorting_list, "xlsx"),
        )


class SortingLineViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A line of a list; POST `decision/` is the team leader's decision (§5.4)."""

    serializer_class = LineSerializer
    permission_classes = [HasPortalRole]

    def get_queryset(self):
        return selectors.line_list(user=self.request.user)

    @extend_schema(request=DecisionSerializer, responses=LineSerializer)
    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    @idempotent_action
    def decision(self, request, pk=None):
        line = self.get_object()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        line = services.line_decide(actor=request.user, line=line, **serializer.validated_data)
        return Response(LineSerializer(line).data)


class StorageAdmissionViewSet(
    SelectorListMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Items admitted to the temporary storage zone (§5.3); `?agency=<id>`."""

    serializer_class = StorageAdmissionSerializer
    permission_classes = [HasPortalRole]
    filterset_class = filters.StorageAdmissionFilter
    selector = staticmethod(selectors.admission_list)

    def perform_create(self, serializer):
        tag = serializer.validated_data["red_tag"]
        if not permissions.can_view_agency(self.request.user, tag.agency_id):
            raise Http404
        serializer.instance = services.storage_admit(
            actor=self.request.user,
            tag=tag,
            admitted_on=serializer.validated_data.get("admitted_on"),
        )


class StorageCheckViewSet(
    SelectorListMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Weekly checks of the storage zone (§5.3); `?agency=<id>`."""

    serializer_class = StorageCheckSerializer
    permission_classes = [HasPortalRole]
    filterset_class = filters.StorageCheckFilter
    selector = staticmethod(selectors.check_list)

    def perform_create(self, serializer):
        data = serializer.validated_data
        agency = _visible_agency_or_404(self.request.user, data["agency"])
        serializer.instance = services.storage_check_record(
            actor=self.request.user,
            agency=agency,
            checked_on=data["checked_on"],
            entries=[dict(entry) for entry in data["entries"]],
            note=data.get("note", ""),
        )


class SortingFiguresView(GenericAPIView):
    """Per agency: red tags issued, items moved to the storage zone, decisions overdue."""

    permission_classes = [HasPortalRole]
    serializer_class = SortingFiguresSerializer
    pagination_class = None

    @extend_schema(responses=SortingFiguresSerializer(many=True), filters=False)
    def get(self, request):
        ids = [agency.pk for agency in selectors.visible_agencies(user=request.user)]
        figures = selectors.sorting_figures(ids)
        rows = [{"agency": pk, **figures[pk]} for pk in ids]
        return Response(SortingFiguresSerializer(rows, many=True).data)
