"""REST endpoints of the register of 5S standards and the daily checklist (API.md): scoped like
the pages, writes through the services (400 naming the rule, 403 without the right, 409 when
the state no longer allows the action).

- `GET/POST /api/v1/standards/` (`?agency=&kind=&status=&review_overdue=true&q=`),
  `GET /api/v1/standards/{id}/`, `POST …/{id}/agree/`, `…/approve/`, `…/revise/`,
  `…/adopt/` {"agency"}; `GET /api/v1/standards/knowledge/?q=` (approved, every agency);
- `GET /api/v1/agencies/{id}/mandatory-standards/`: the eight standards of §8.2 in order;
- `GET/POST /api/v1/daily-checklists/` (`?agency=&status=`), `POST …/{id}/approve/`.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from agencies.models import Agency
from agencies.permissions import readable_agency_or_404
from core import calendar
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole
from core.exceptions import ConflictError
from standards.register import filters, selectors, services
from standards.register.choices import CHECKLIST_MAX_MINUTES, FiveSStage, VersionStatus
from standards.register.models import (
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardKind,
    StandardVersion,
)


class VersionSerializer(serializers.ModelSerializer):
    agreed_by = serializers.StringRelatedField()
    approved_by = serializers.StringRelatedField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = StandardVersion
        fields = [
            "id", "number", "status", "text", "change_note", "agreed_by", "agreed_on",
            "approved_by", "approved_on", "attachments",
        ]  # fmt: skip

    def get_attachments(self, version) -> list[dict]:
        return [{"caption": a.caption, "url": a.file.url} for a in version.attachments.all()]


class StandardSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    kind = serializers.SlugRelatedField(
        slug_field="code", queryset=StandardKind.objects.all(), allow_null=True, required=False
    )
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text = serializers.CharField(write_only=True, required=False, allow_blank=True)
    review_overdue = serializers.SerializerMethodField()
    approved_version = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    origin = serializers.CharField(source="origin_label", read_only=True)

    class Meta:
        model = Standard
        fields = [
            "id", "agency", "kind", "title", "purpose", "problems", "text", "status",
            "approved_version", "approved_on", "review_due", "review_overdue", "origin",
        ]  # fmt: skip
        read_only_fields = ["status", "approved_on", "review_due"]

    def get_review_overdue(self, standard) -> bool:
        return standard.is_review_overdue(calendar.today())


class StandardDetailSerializer(StandardSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta(StandardSerializer.Meta):
        fields = [*StandardSerializer.Meta.fields, "versions"]


class AdoptSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())


# The largest id the database holds (a bigger number is «not found», never an overflow).
MAX_ID = 2**31 - 1


def _pk(value) -> int:
    if not str(value).isdigit() or not 1 <= int(value) <= MAX_ID:
        raise Http404
    return int(value)


class StandardViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The register of 5S standards (Appendix 29) of the agencies the user reads."""

    permission_classes = [HasPortalRole]
    filter_backends = [SelectorFilters]
    filterset_class = filters.StandardFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return StandardDetailSerializer
        if self.action == "adopt":
            return AdoptSerializer
        return StandardSerializer

    def get_queryset(self):
        if self.action == "knowledge":
            return selectors.knowledge_standards(
                user=self.request.user, filters_data=self.request.query_params
            )
        data = self.request.query_params if self.action == "list" else None
        return selectors.standard_list(user=self.request.user, filters_data=data)

    def get_object(self):
        return selectors.standard_detail(user=self.request.user, pk=_pk(self.kwargs["pk"]))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = readable_agency_or_404(self.request.user, data.pop("agency"))
        serializer.instance = services.standard_create(
            actor=self.request.user,
            agency=agency,
            kind=data.get("kind"),
            title=data.get("title", ""),
            purpose=data.get("purpose", ""),
            problems=data.get("problems", ""),
            text=data.get("text", ""),
        )

    def _open_version(self, standard, status_):
        version = standard.versions.filter(status=status_).order_by("-number").first()
        if version is None:
            raise ConflictError(_("Нет редакции в нужном состоянии."), {"status": str(status_)})
        return version

    def _answer(self, standard):
        fresh = selectors.standard_detail(user=self.request.user, pk=standard.pk)
        return Response(StandardDetailSerializer(fresh).data)

    @extend_schema(request=None, responses=StandardDetailSerializer)
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """The leader agrees the draft version (L1139)."""
        standard = self.get_object()
        version = self._open_version(standard, VersionStatus.DRAFT)
        services.version_agree(actor=request.user, version=version)
        return self._answer(standard)

    @extend_schema(request=None, responses=StandardDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The head approves the agreed version (L1139); the review is due in a year."""
        standard = self.get_object()
        version = standard.versions.filter(status=VersionStatus.AGREED).first()
        if version is None:
            version = self._open_version(standard, VersionStatus.DRAFT)
        services.version_approve(actor=request.user, version=version)
        return self._answer(standard)

    @extend_schema(request=None, responses=StandardDetailSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """A new draft version from the text in force (the yearly review, L1145)."""
        standard = self.get_object()
        services.version_revise(actor=request.user, standard=standard)
        return self._answer(standard)

    @extend_schema(request=AdoptSerializer, responses={201: StandardDetailSerializer})
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Adopt this approved standard for another agency, naming its origin (§3.2.4)."""
        source = self.get_object()
        serializer = AdoptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = readable_agency_or_404(request.user, serializer.validated_data["agency"])
        standard = services.standard_adopt(actor=request.user, source=source, agency=agency)
        fresh = selectors.standard_detail(user=request.user, pk=standard.pk)
        return Response(StandardDetailSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=StandardSerializer(many=True))
    @action(detail=False, methods=["get"])
    def knowledge(self, request):
        """Approved standards of every agency (the knowledge base), `?q=` searching titles and
        texts (PostgreSQL: Russian full-text search)."""
        page = self.paginate_queryset(self.get_queryset())
        serializer = StandardSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class MandatoryRowSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    standard = serializers.IntegerField(source="standard_id", allow_null=True)
    approved_on = serializers.DateField(allow_null=True)
    review_due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class MandatoryStandardsView(GenericAPIView):
    """The eight standards §8.2 requires of every agency, in the regulation's order, each with
    the agency's standard (or null), its approval date, review date and overdue flag."""

    permission_classes = [HasPortalRole]
    serializer_class = MandatoryRowSerializer
    pagination_class = None
    queryset = Agency.objects.none()  # the schema's model; get() reads the agency itself

    @extend_schema(responses=MandatoryRowSerializer(many=True))
    def get(self, request, pk):
        agency = readable_agency_or_404(request.user, get_object_or_404(Agency, pk=_pk(pk)))
        rows = selectors.mandatory_rows(agency=agency)
        return Response(MandatoryRowSerializer(rows, many=True).data)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "stage": {"type": "string", "enum": ["", *FiveSStage.values]},
                    "text": {"type": "string"},
                },
                "required": ["text"],
            },
        ]
    }
)
class ChecklistItemField(serializers.Field):
    """An item: its text, or {"stage", "text"} with a stage of Appendix 26."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            return services.ChecklistItemInput(text=data)
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            stage = data.get("stage") or ""
            if stage not in ("", *FiveSStage.values):
                raise serializers.ValidationError(_("Неизвестный этап 5S."))
            return services.ChecklistItemInput(text=data["text"], stage=stage)
        raise serializers.ValidationError(_('Пункт — это текст или {"stage", "text"}.'))

    def to_representation(self, value):
        return value


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = DailyChecklistItem
        fields = ["order", "stage", "text"]


class DailyChecklistSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    time_of_use = serializers.TimeField(format="%H:%M", input_formats=["%H:%M"])
    duration_minutes = serializers.IntegerField(required=False, default=CHECKLIST_MAX_MINUTES)
    items = serializers.ListField(child=ChecklistItemField(), write_only=True)
    item_list = ChecklistItemSerializer(source="items", many=True, read_only=True)
    approved_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = DailyChecklist
        fields = [
            "id", "agency", "version", "time_of_use", "duration_minutes", "status",
            "approved_by", "approved_on", "items", "item_list",
        ]  # fmt: skip
        read_only_fields = ["version", "status", "approved_on"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["items"] = data.pop("item_list")
        return data


class DailyChecklistViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The daily 5S checklist (Appendix 26): POST makes a new version (at most 10 items,
    L1189; at most 5 minutes, L1187); the latest approved version is current."""

    permission_classes = [HasPortalRole]
    serializer_class = DailyChecklistSerializer
    filter_backends = [SelectorFilters]
    filterset_class = filters.ChecklistFilter

    def get_queryset(self):
        data = self.request.query_params if self.action == "list" else None
        return selectors.checklist_list(user=self.request.user, filters_data=data).prefetch_related(
            "items"
        )

    def get_object(self):
        return selectors.checklist_detail(user=self.request.user, pk=_pk(self.kwargs["pk"]))

    def perform_create(self, serializer):
        data = serializer.validated_data
        agency = readable_agency_or_404(self.request.user, data["agency"])
        checklist = services.checklist_create(
            actor=self.request.user,
            agency=agency,
            time_of_use=data["time_of_use"],
            duration_minutes=data["duration_minutes"],
            items=data["items"],
        )
        serializer.instance = selectors.checklist_detail(user=self.request.user, pk=checklist.pk)

    @extend_schema(request=None, responses=DailyChecklistSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        checklist = self.get_object()
        services.checklist_approve(actor=request.user, checklist=checklist)
        fresh = selectors.checklist_detail(user=request.user, pk=checklist.pk)
        return Response(DailyChecklistSerializer(fresh).data)


router = SimpleRouter()
router.register("standards", StandardViewSet, basename="standard")
router.register("daily-checklists", DailyChecklistViewSet, basename="daily-checklist")

urlpatterns = [
    path(
        "agencies/<int:pk>/mandatory-standards/",
        MandatoryStandardsView.as_view(),
        name="agency-mandatory-standards",
    ),
    *router.urls,
]
