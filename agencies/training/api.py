"""REST endpoints of training (§9.2): programmes, sessions, coverage. Scoped like the pages:
the selectors read what the user may see, the services decide who may write."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from agencies.models import Agency, Person
from agencies.permissions import visible_agencies, visible_people
from agencies.training import permissions, selectors, services
from agencies.training.choices import (
    BENCHMARK_LABEL,
    COVERAGE_TARGET,
    LENINGRAD_BENCHMARK,
    TargetGroup,
)
from agencies.training.filters import ProgrammeFilter, SessionFilter
from agencies.training.models import ProgrammeTopic, TrainingProgramme, TrainingSession
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole
from core.exceptions import ApplicationError
from core.filters import MAX_ID


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeTopic
        fields = ["id", "position", "title", "target_group", "planned_on"]
        read_only_fields = ["id", "position"]


class ProgrammeSerializer(serializers.ModelSerializer):
    """A programme for a calendar year: topics with target group and date in the schedule."""

    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    topics = TopicSerializer(many=True)

    class Meta:
        model = TrainingProgramme
        fields = [
            "id",
            "agency",
            "agency_name",
            "year",
            "hr_person",
            "status",
            "approved_on",
            "approver",
            "topics",
        ]
        read_only_fields = ["status", "approved_on", "approver"]
        validators: list = []  # one per agency and year: the service answers it

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["agency"].queryset = visible_agencies(request.user)
            fields["hr_person"].queryset = visible_people(request.user)
        if self.instance is not None:
            fields["agency"].read_only = True
            fields["year"].read_only = True
        return fields


class ProgrammeApproveSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)


def _topic_rows(data) -> list[services.TopicRow]:
    return [
        services.TopicRow(
            title=row["title"], target_group=row["target_group"], planned_on=row["planned_on"]
        )
        for row in data
    ]


def _grid_details(error: services.GridError) -> ApplicationError:
    return ApplicationError(
        error.message,
        details={
            f"topics[{index}].{name}": text
            for index, fields in error.rows.items()
            for name, text in fields.items()
        },
    )


class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Training programmes (§9.2, L1385) of the agencies the user may see: `?agency=`,
    `?year=`, `?status=`. The HR employee and the 5S team write a draft (POST, PUT/PATCH with
    the whole `topics` list); the head approves it (POST `approve/`), an administrator on the
    head's behalf; an approved programme does not change (409)."""

    serializer_class = ProgrammeSerializer
    permission_classes = [HasPortalRole]
    filterset_class = ProgrammeFilter
    filter_backends = [SelectorFilters]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        filters = self.request.query_params if self.action == "list" else None
        return selectors.programme_list(user=self.request.user, filters=filters)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            programme = services.programme_create(
                actor=request.user,
                agency=data["agency"],
                year=data["year"],
                hr_person=data.get("hr_person"),
                topics=_topic_rows(data.get("topics", [])),
            )
        except services.GridError as error:
            raise _grid_details(error) from error
        programme = selectors.programme_detail(user=request.user, pk=programme.pk)
        return Response(self.get_serializer(programme).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        programme = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = self.get_serializer(programme, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        topics = (
            _topic_rows(data["topics"])
            if "topics" in data
            else [
                services.TopicRow(t.title, t.target_group, t.planned_on)
                for t in programme.topics.all()
            ]
        )
        try:
            services.programme_update(
                actor=request.user,
                programme=programme,
                topics=topics,
                hr_person=data.get("hr_person", programme.hr_person),
            )
        except services.GridError as error:
            raise _grid_details(error) from error
        programme = selectors.programme_detail(user=request.user, pk=programme.pk)
        return Response(self.get_serializer(programme).data)

    @extend_schema(request=ProgrammeApproveSerializer, responses=ProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        programme = self.get_object()
        serializer = ProgrammeApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.programme_approve(
            actor=request.user,
            programme=programme,
            approved_on=serializer.validated_data.get("approved_on"),
        )
        programme = selectors.programme_detail(user=request.user, pk=programme.pk)
        return Response(self.get_serializer(programme).data)


class SessionSerializer(serializers.ModelSerializer):
    """A session held (L1383). `duration_hours` is a string with two decimals (`"1.50"`);
    `in_programme` is false for a session outside the agency's approved programme of its
    year; `warnings` (on creation) says when the length is outside the recommended 1–1.5 h."""

    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    attendees = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.none(), write_only=True
    )
    in_programme = serializers.BooleanField(read_only=True)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    programme_topic = serializers.PrimaryKeyRelatedField(
        queryset=ProgrammeTopic.objects.all(), required=False, allow_null=True
    )
    topic = serializers.CharField(max_length=300, required=False, allow_blank=True)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "agency",
            "agency_name",
            "date",
            "topic",
            "programme_topic",
            "in_programme",
            "target_group",
            "trainer",
            "duration_hours",
            "attendees",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["agency"].queryset = visible_agencies(request.user)
            fields["attendees"].child_relation.queryset = visible_people(request.user)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["attendees"] = [attendance.person_id for attendance in instance.attendances.all()]
        return data


class SessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Training sessions (§9.2) of the agencies the user may see: `?agency=`, `?year=`,
    `?target_group=`, `?in_programme=`, `?person=` (a person's training record). POST records
    a session held: at most 7 attendees (L1383), else 400 naming the rule."""

    serializer_class = SessionSerializer
    permission_classes = [HasPortalRole]
    filterset_class = SessionFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        filters = self.request.query_params if self.action == "list" else None
        return selectors.session_list(user=self.request.user, filters=filters)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        session_input = services.SessionInput(
            agency=data["agency"],
            date=data["date"],
            topic=data.get("topic", ""),
            duration_hours=data["duration_hours"],
            attendees=data["attendees"],
            trainer=data.get("trainer", ""),
            target_group=data.get("target_group"),
            programme_topic=data.get("programme_topic"),
        )
        session = services.session_record(actor=request.user, data=session_input)
        session = selectors.session_detail(user=request.user, pk=session.pk)
        body = dict(self.get_serializer(session).data)
        body["warnings"] = session_input.warnings
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.session_delete(actor=self.request.user, session=instance)


class GroupCoverageSerializer(serializers.Serializer):
    employees = serializers.IntegerField()
    trained = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=4, decimal_places=1)


class CoverageSerializer(serializers.Serializer):
    """Employees trained, in per cent with one decimal (`"42.9"`), against the target of
    100 % (L1355); `by_group` per target group (`everyone`, `team`)."""

    agency = serializers.IntegerField(source="agency.pk", allow_null=True)
    agency_name = serializers.CharField(source="agency.short_name", allow_null=True)
    employees = serializers.IntegerField()
    trained = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=4, decimal_places=1)
    target = serializers.SerializerMethodField()
    by_group = serializers.SerializerMethodField()

    def get_target(self, coverage) -> str:
        return f"{COVERAGE_TARGET:.1f}"

    def get_by_group(self, coverage) -> dict:
        return {
            group: GroupCoverageSerializer(value).data for group, value in coverage.by_group.items()
        }

    def to_representation(self, instance):
        if instance.agency is None:
            return {
                "agency": None,
                "agency_name": None,
                **{
                    key: value
                    for key, value in super().to_representation(instance).items()
                    if key not in ("agency", "agency_name")
                },
            }
        return super().to_representation(instance)


class CoverageView(GenericAPIView):
    """`?agency=<id>`: that agency's coverage (404 when the user may not see it). Without it:
    the total over the agencies the user may see, with `agencies` (one row each) and the
    Leningrad region's benchmark (20 % of employees, another region's figure)."""

    permission_classes = [HasPortalRole]
    serializer_class = CoverageSerializer
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("agency", int, required=False)], responses=CoverageSerializer
    )
    def get(self, request):
        raw = request.query_params.get("agency")
        if raw not in (None, ""):
            if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
                raise ApplicationError(
                    gettext("Неверный фильтр: проверьте параметры."),
                    details={"agency": gettext("Введите целое число.")},
                )
            try:
                agency = Agency.objects.get(pk=int(raw))
            except ObjectDoesNotExist as error:
                raise Http404 from error
            if not permissions.can_view(request.user, agency.pk):
                raise Http404
            return Response(CoverageSerializer(selectors.agency_coverage(agency=agency)).data)
        region = selectors.region_coverage(user=request.user)
        body = dict(CoverageSerializer(region.total).data)
        body["agencies"] = CoverageSerializer(region.rows, many=True).data
        body["benchmark"] = {
            "label": str(BENCHMARK_LABEL),
            "share": f"{LENINGRAD_BENCHMARK:.1f}",
        }
        return Response(body)
