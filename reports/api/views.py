"""REST: the summary report (Appendix 13), ordering and polling generated documents, and the
«ДИАрама» knowledge base."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from audits.models import Audit
from core.api.pagination import PortalPagination
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.exceptions import ApplicationError
from core.periods import format_month
from core.permissions import roles_of
from reports import permissions, selectors, services, views
from reports.api.serializers import (
    DocumentAcceptedSerializer,
    DocumentOrderSerializer,
    DocumentSerializer,
    PublicationSerializer,
    SummarySerializer,
)
from reports.choices import DocumentKind
from reports.filters import DocumentFilter, PublicationFilter
from reports.periods import parse_month


def _gone(document) -> Response:
    """410 Gone: the document's file is missing on disk and has been ordered again; `id` and
    `status` say where to poll."""
    return Response(
        {"detail": str(views.FILE_GONE_MESSAGE), "id": document.pk, "status": document.status},
        status=status.HTTP_410_GONE,
    )


class HasRole(BasePermission):
    """Any portal role. Ordering a document changes no data, so the read-only governor's
    office may order one too."""

    def has_permission(self, request, view):
        return bool(roles_of(request.user))


class SummaryPagination(PortalPagination):
    """Pages of the summary (issue 18): 1,000 rows by default and at most, so a client written
    when the body held every agency still gets the whole of a region (about 60 agencies) in
    its first page; a larger one follows `next`."""

    page_size = 1000
    max_page_size = 1000


class SummaryView(APIView):
    permission_classes = [HasRole]

    @extend_schema(
        parameters=[
            OpenApiParameter("month", OpenApiTypes.STR, required=True, description="YYYY-MM"),
            OpenApiParameter("page", OpenApiTypes.INT, required=False),
            OpenApiParameter("page_size", OpenApiTypes.INT, required=False, description="≤ 1000"),
        ],
        responses=SummarySerializer,
    )
    def get(self, request):
        """Appendix 13 as of a month: each agency's latest signed audit, its date, the steps
        completed, the overall score and the change against the previous signed audit; one page
        of the agencies (`count`, `next`, `previous`)."""
        if not permissions.can_view_region(request.user):
            raise PermissionDenied
        month = parse_month(request.query_params.get("month"), field="month")
        paginator = SummaryPagination()
        rows = paginator.paginate_queryset(selectors.summary_rows(month=month), request, view=self)
        assert rows is not None and paginator.page is not None
        return Response(
            SummarySerializer(
                {
                    "month": format_month(month),
                    "count": paginator.page.paginator.count,
                    "next": paginator.get_next_link(),
                    "previous": paginator.get_previous_link(),
                    "rows": rows,
                }
            ).data
        )


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Generated documents: order one (POST → 202), poll it, download it."""

    serializer_class = DocumentSerializer
    permission_classes = [HasRole]
    filterset_class = DocumentFilter

    def get_queryset(self):
        return selectors.document_list(user=self.request.user, filters=self.request.query_params)

    def filter_queryset(self, queryset):
        # The selector applied DocumentFilter; the backend only documents it in the schema.
        return queryset

    def get_object(self):
        return services.document_ensure_ready(super().get_object())

    @extend_schema(request=DocumentOrderSerializer, responses={202: DocumentAcceptedSerializer})
    def create(self, request):
        order = DocumentOrderSerializer(data=request.data)
        order.is_valid(raise_exception=True)
        data = order.validated_data
        audit = month = None
        if data["kind"] == DocumentKind.FINAL_SHEET:
            if data.get("audit") is None:
                message = _("Укажите аудит, итоговый лист которого нужно сформировать.")
                raise ApplicationError(message, details={"audit": message})
            audit = Audit.objects.filter(pk=data["audit"]).first()
            if audit is None or not permissions.can_order_final_sheet(request.user, audit):
                message = _("Аудит не найден или его итоговый лист вам недоступен.")
                raise ApplicationError(message, details={"audit": message})
        else:
            month = parse_month(data.get("month"), field="month")
        document = services.document_request(
            actor=request.user, kind=data["kind"], format=data["format"], audit=audit, month=month
        )
        document.refresh_from_db(fields=["status"])
        return Response(
            {"id": document.pk, "status": document.status}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        responses={
            (200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request, pk=None):
        try:
            return views.file_response(super().get_object())
        except views.FileGone as gone:
            return _gone(gone.document)


class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """The «ДИАрама» knowledge base: `?kind=`, `?agency=`, `?period_from=YYYY-MM`,
    `?period_to=YYYY-MM`, `?q=`."""

    serializer_class = PublicationSerializer
    permission_classes = [HasRole]
    filterset_class = PublicationFilter

    def get_queryset(self):
        return selectors.publication_list(user=self.request.user, filters=self.request.query_params)

    def filter_queryset(self, queryset):
        # The selector applied PublicationFilter; the backend only documents it in the schema.
        return queryset

    # A generated document is PDF or XLSX; an uploaded file keeps its own type.
    @extend_schema(
        responses={
            (200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            (200, "*/*"): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request, pk=None):
        publication = self.get_object()
        if publication.document_id:
            try:
                return views.file_response(publication.document)
            except views.FileGone as gone:
                return _gone(gone.document)
        if publication.file:
            return views.publication_file_response(publication)
        raise Http404
