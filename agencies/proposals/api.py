"""REST endpoints of improvement proposals, scoped like the pages: `/api/v1/proposals/` and
`/api/v1/proposal-counts/` (the region's view)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from agencies.models import Agency, Person
from agencies.permissions import visible_agencies, visible_people
from agencies.proposals import selectors, services
from agencies.proposals.choices import OutcomeKind, Stage
from agencies.proposals.filters import ProposalFilter
from agencies.proposals.models import FiveWhy, Proposal, ProposalStep
from agencies.proposals.selectors import COUNT_KEYS
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposalStep
        fields = ["stage", "responsible", "due_on", "done_on"]


class WhySerializer(serializers.ModelSerializer):
    class Meta:
        model = FiveWhy
        fields = ["question", "answer"]


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal (L1435) and the team's work on it (L1437–1445). Writable by the team with
    PATCH: `root_cause`, `whys` (the «5 почему» record, replaced whole), `options`,
    `decision`, `accepted`, `outcome_kind` (`corrective_action`, `standard`,
    `plan_activity`), `outcome_reference` (the document it became, free text) and
    `outcome_id` (the record it became, for a kind whose app registered it: today a corrective
    action of the agency's Appendix 30 plan)."""

    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    whys = WhySerializer(many=True, required=False)
    outcome_kind = serializers.ChoiceField(
        choices=OutcomeKind.choices, required=False, allow_blank=True
    )
    outcome_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="The id of the record it became (a corrective action of the agency's plan), "
        "where its app registered the kind; null clears the link.",
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "agency",
            "agency_name",
            "author",
            "submitted_on",
            "what",
            "where",
            "problem",
            "stage",
            "state",
            "root_cause",
            "whys",
            "options",
            "decision",
            "accepted",
            "outcome_kind",
            "outcome_reference",
            "outcome_id",
            "closed_on",
            "steps",
        ]
        read_only_fields = ["author", "submitted_on", "stage", "state", "closed_on"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["agency"].queryset = visible_agencies(request.user)
        if self.instance is not None:
            for name in ("agency", "what", "where", "problem"):
                fields[name].read_only = True
        return fields


class AdvanceSerializer(serializers.Serializer):
    done_on = serializers.DateField(required=False)


class PlanSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), allow_null=True
    )
    due_on = serializers.DateField(allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["responsible"].queryset = visible_people(request.user)
        return fields


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Improvement proposals of the agencies the user may see: `?agency=`, `?stage=`,
    `?state=`, `?outcome_kind=`. Any employee submits one (POST `{"agency", "what", "where",
    "problem"}`); the 5S team writes its work (PATCH), names who does a stage and by when
    (POST `plan/`) and closes the current stage (POST `advance/`: 400 naming what the stage
    still needs; 409 once the work has ended)."""

    serializer_class = ProposalSerializer
    permission_classes = [HasPortalRole]
    filterset_class = ProposalFilter
    filter_backends = [SelectorFilters]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        filters = self.request.query_params if self.action == "list" else None
        return selectors.proposal_list(user=self.request.user, filters=filters)

    def _answer(self, proposal, code=status.HTTP_200_OK):
        proposal = selectors.proposal_detail(user=self.request.user, pk=proposal.pk)
        return Response(self.get_serializer(proposal).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        proposal = services.proposal_submit(
            actor=request.user,
            agency=data["agency"],
            what=data["what"],
            where=data["where"],
            problem=data["problem"],
        )
        return self._answer(proposal, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        proposal = self.get_object()
        serializer = self.get_serializer(proposal, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        whys = data.pop("whys", None)
        services.proposal_update(
            actor=request.user,
            proposal=proposal,
            data=data,
            whys=[(row["question"], row["answer"]) for row in whys] if whys is not None else None,
        )
        return self._answer(proposal)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=AdvanceSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        proposal = self.get_object()
        serializer = AdvanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_advance(
            actor=request.user, proposal=proposal, done_on=serializer.validated_data.get("done_on")
        )
        return self._answer(proposal)

    @extend_schema(request=PlanSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        proposal = self.get_object()
        serializer = PlanSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.proposal_plan_step(
            actor=request.user,
            proposal=proposal,
            stage=data["stage"],
            responsible=data["responsible"],
            due_on=data["due_on"],
        )
        return self._answer(proposal)


class CountsSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="pk")
    agency_name = serializers.CharField(source="short_name")
    total = serializers.IntegerField()
    identify = serializers.IntegerField()
    analyse = serializers.IntegerField()
    options = serializers.IntegerField()
    decide = serializers.IntegerField()
    standardise = serializers.IntegerField()
    standardised = serializers.IntegerField()
    rejected = serializers.IntegerField()


class CountsView(GenericAPIView):
    """Proposals per agency the user may see: the total, those in work per stage, the
    standardised and the rejected."""

    permission_classes = [HasPortalRole]
    serializer_class = CountsSerializer
    pagination_class = None
    queryset = Agency.objects.none()  # for the schema; the selector scopes the rows

    @extend_schema(responses=CountsSerializer(many=True))
    def get(self, request):
        rows = selectors.region_counts(user=request.user)
        return Response(CountsSerializer(rows, many=True).data)


assert set(COUNT_KEYS) <= set(CountsSerializer().fields)
