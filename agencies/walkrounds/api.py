"""REST API of the head's walk-rounds (§4.5, L461; criterion 5.7, L2855), scoped like the pages.

GET /api/v1/walk-rounds/?agency=&status=&date_after=&date_before= — the records the user reads;
POST /api/v1/walk-rounds/ {"agency", "date", "leader", "looked_at", "remarks"?, "aspects"?,
"curator_invited"?, "curator_took_part"?, "head"?} → 201 (the team or the head; recorded by
the head it is confirmed at once); PATCH /api/v1/walk-rounds/{id}/ → 200 while not confirmed,
409 after; POST /api/v1/walk-rounds/{id}/confirm/ {"confirmed_on"?} → 200 (the head, or an
administrator on the head's behalf), 409 when confirmed;
GET /api/v1/walk-round-status/?agency= → [{"agency", "agency_name", "half_year": {...},
"quarter": {...}, "last_walk", "awaiting_confirmation"}], each period {"start", "end", "state":
"done" | "due" | "overdue", "done_on", "due_on", "previous_done"}."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency, Person
from agencies.walkrounds import selectors, services
from agencies.walkrounds.choices import TEXT_MAX_LENGTH, Aspect
from agencies.walkrounds.filters import WalkRoundFilter
from agencies.walkrounds.models import WalkRound
from core import calendar
from core.api.permissions import HasPortalRole
from core.exceptions import ApplicationError


class WalkRoundSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    head_name = serializers.CharField(source="head.full_name", read_only=True)
    leader_name = serializers.CharField(source="leader.full_name", read_only=True)
    curator_invited = serializers.SerializerMethodField()

    class Meta:
        model = WalkRound
        fields = [
            "id",
            "agency",
            "agency_name",
            "date",
            "head",
            "head_name",
            "leader",
            "leader_name",
            "curator",
            "curator_invited",
            "curator_took_part",
            "aspects",
            "looked_at",
            "remarks",
            "status",
            "confirmed_on",
            "confirmed_on_behalf",
        ]

    def get_curator_invited(self, walk_round) -> bool:
        return walk_round.curator_id is not None


class WalkRoundInputSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    date = serializers.DateField()
    leader = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    head = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False)
    looked_at = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    remarks = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    aspects = serializers.ListField(
        child=serializers.ChoiceField(choices=Aspect.choices), required=False, max_length=10
    )
    curator_invited = serializers.BooleanField(required=False, default=False)
    curator_took_part = serializers.BooleanField(required=False, default=False)


class ConfirmSerializer(serializers.Serializer):
    confirmed_on = serializers.DateField(required=False)


def _input(data, base: WalkRound | None = None) -> services.WalkRoundInput:
    def value(name, default):
        return data.get(name, default)

    return services.WalkRoundInput(
        date=value("date", base.date if base else None),
        leader=value("leader", base.leader if base else None),
        head=value("head", base.head if base else None),
        looked_at=value("looked_at", base.looked_at if base else ""),
        remarks=value("remarks", base.remarks if base else ""),
        aspects=value("aspects", base.aspects if base else []),
        curator_invited=value("curator_invited", base.curator_id is not None if base else False),
        curator_took_part=value("curator_took_part", base.curator_took_part if base else False),
    )


class WalkRoundViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    permission_classes = [HasPortalRole]
    serializer_class = WalkRoundSerializer
    filterset_class = WalkRoundFilter
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.walk_round_list(user=self.request.user)

    @extend_schema(request=WalkRoundInputSerializer, responses={201: WalkRoundSerializer})
    def create(self, request):
        serializer = WalkRoundInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        walk_round = services.walk_round_create(
            actor=request.user, agency=data["agency"], data=_input(data)
        )
        return Response(
            WalkRoundSerializer(self.get_queryset().get(pk=walk_round.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=WalkRoundInputSerializer, responses={200: WalkRoundSerializer})
    def partial_update(self, request, pk=None):
        walk_round = self.get_object()
        serializer = WalkRoundInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "agency" in data and data["agency"].pk != walk_round.agency_id:
            raise ApplicationError(
                _("Обход другого ОИВ ЯО / СППО."), details={"agency": _("Не меняется.")}
            )
        services.walk_round_update(
            actor=request.user, walk_round=walk_round, data=_input(data, walk_round)
        )
        return Response(WalkRoundSerializer(self.get_queryset().get(pk=walk_round.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=ConfirmSerializer, responses={200: WalkRoundSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        walk_round = self.get_object()
        serializer = ConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.walk_round_confirm(
            actor=request.user,
            walk_round=walk_round,
            confirmed_on=serializer.validated_data.get("confirmed_on"),
        )
        return Response(WalkRoundSerializer(self.get_queryset().get(pk=walk_round.pk)).data)


def _period(status_) -> dict:
    return {
        "start": status_.start,
        "end": status_.end,
        "state": status_.state,
        "done_on": status_.done_on,
        "due_on": status_.due_on,
        "previous_done": status_.previous_done,
    }


class WalkRoundStatusView(APIView):
    """Each agency's half-year (§4.5, L461) and quarter (criterion 5.7, L2855) status."""

    permission_classes = [HasPortalRole]

    @extend_schema(
        parameters=[OpenApiParameter("agency", int, required=False)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        raw = request.query_params.get("agency", "")
        if raw and not raw.isdigit():
            raise ApplicationError(
                _("Неверный параметр."), details={"agency": _("Укажите номер ОИВ ЯО / СППО.")}
            )
        rows = selectors.overview(
            user=request.user, today=calendar.today(), agency_id=int(raw) if raw else None
        )
        return Response(
            [
                {
                    "agency": row.agency.pk,
                    "agency_name": row.agency.short_name,
                    "half_year": _period(row.half_year),
                    "quarter": _period(row.quarter),
                    "last_walk": row.last_walk,
                    "awaiting_confirmation": row.awaiting_confirmation,
                }
                for row in rows
            ]
        )
