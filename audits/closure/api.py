"""REST API of step closure (§4.6, L501), scoped like the pages.

GET /api/v1/step-closures/?agency=&step= — the closures the user may read;
GET /api/v1/step-closures/{id}/ — one, with its document's rows and `pdf_url`;
GET /api/v1/step-closures/{id}/pdf/ — the printable document;
GET /api/v1/step-closures/diagnosis/?agency= — the next step and what its closure still lacks;
POST /api/v1/step-closures/ {"agency", "step", "closed_on", "problems": [{"problem",
"proposal"}]} → 201; for step 4 a multipart body with `standards` (a JSON list of {"name",
"purpose", "problems"}) and each standard's copy as the file `standards_copy_<n>` (n from 1).
Refused → 400 {"detail", "errors"} naming what is missing; a closed step → 409; not the
agency's leader → 403."""

import json

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from agencies.models import Agency
from audits.choices import STEP_NAMES
from audits.closure import notices, permissions, selectors, services
from audits.closure.choices import LAST_STEP, STEP_DOCUMENTS, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from audits.closure.filters import StepClosureFilter
from audits.closure.models import ClosureProblem, ClosureStandard, StepClosure
from audits.closure.rules import closure_refusals
from core import calendar
from core.api.permissions import HasPortalRole
from core.documents import PDF_CONTENT_TYPE, file_response, render_pdf
from core.exceptions import ApplicationError
from core.registry import step_requirement_errors

ROWS_MAX = 50


class ProblemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClosureProblem
        fields = ["number", "problem", "proposal"]


class ClosureStandardSerializer(serializers.ModelSerializer):
    copy_url = serializers.SerializerMethodField()

    class Meta:
        model = ClosureStandard
        fields = ["number", "name", "purpose", "problems", "copy_name", "copy_url"]

    def get_copy_url(self, row) -> str | None:
        return reverse("audits:closure-standard-copy", args=[row.pk]) if row.copy else None


class StepClosureSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    leader = serializers.CharField(source="leader.full_name", default=None, read_only=True)
    problems = ProblemSerializer(many=True, read_only=True)
    standards = ClosureStandardSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = StepClosure
        fields = [
            "id",
            "agency",
            "agency_name",
            "step",
            "closed_on",
            "internal_audit",
            "rooms_diagnosed",
            "photos",
            "leader",
            "on_behalf",
            "document_kind",
            "recipient",
            "recipient_name",
            "recorded",
            "problems",
            "standards",
            "pdf_url",
        ]

    def get_pdf_url(self, closure) -> str | None:
        return reverse("api-step-closure-pdf", args=[closure.pk]) if closure.has_document else None


class ProblemInput(serializers.Serializer):
    problem = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    proposal = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class StandardInput(serializers.Serializer):
    name = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    purpose = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    problems = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class StepCloseSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    step = serializers.IntegerField(min_value=1, max_value=LAST_STEP)
    closed_on = serializers.DateField()
    problems = ProblemInput(many=True, required=False, max_length=ROWS_MAX)
    standards = StandardInput(many=True, required=False, max_length=ROWS_MAX)

    def to_internal_value(self, data):
        # A multipart body carries the standards as one JSON text beside their files.
        if hasattr(data, "getlist") and isinstance(data.get("standards"), str):
            try:
                standards = json.loads(data["standards"])
            except ValueError as exc:
                raise ValidationError(
                    {"standards": [_("Ожидается список в формате JSON.")]}
                ) from exc
            data = {key: data.get(key) for key in data}
            data["standards"] = standards
        return super().to_internal_value(data)


class StepClosureViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasPortalRole]
    serializer_class = StepClosureSerializer
    filterset_class = StepClosureFilter
    lookup_value_regex = r"[0-9]+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            permissions.visible_closures(self.request.user)
            .select_related("agency", "leader")
            .prefetch_related("problems", "standards")
            .order_by("agency__short_name", "step")
        )

    @extend_schema(request=StepCloseSerializer, responses={201: StepClosureSerializer})
    def create(self, request):
        serializer = StepCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        closure = services.step_close(
            actor=request.user,
            agency=data["agency"],
            step=data["step"],
            closed_on=data["closed_on"],
            problems=[services.ProblemRow(**row) for row in data.get("problems", [])],
            standards=[
                services.StandardRow(copy=request.FILES.get(f"standards_copy_{n}"), **row)
                for n, row in enumerate(data.get("standards", []), 1)
            ],
        )
        closure = self.get_queryset().get(pk=closure.pk)
        return Response(StepClosureSerializer(closure).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, PDF_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="pdf", url_name="pdf")
    def pdf(self, request, pk=None):
        closure = self.get_object()
        if not closure.has_document:
            raise ApplicationError(
                _("Этот шаг перенесён из прежнего значения: документа нет."),
                details={"document": _("Нет документа.")},
            )
        content = render_pdf(
            "reports/audits/step_closure.html",
            {
                "closure": closure,
                "title": notices.document_title(closure),
                "step_name": STEP_NAMES[closure.step],
            },
        )
        return file_response(content, PDF_CONTENT_TYPE, f"step-{closure.step}.pdf", inline=True)

    @extend_schema(
        parameters=[OpenApiParameter("agency", int, required=True)],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, methods=["get"], url_path="diagnosis", url_name="diagnosis")
    def diagnosis(self, request):
        """{"agency", "steps_completed", "next_step", "internal_audit", "conducted_on",
        "rooms", "missing_rooms", "photos", "document", "recipient", "missing": {field: text}}"""
        raw = request.query_params.get("agency", "")
        if not raw.isdigit():
            raise ApplicationError(
                _("Укажите ОИВ ЯО / СППО."), details={"agency": _("Обязательный параметр.")}
            )
        agency = permissions.readable_agencies(request.user).filter(pk=int(raw)).first()
        if agency is None:
            raise Http404
        last = selectors.last_closure(agency)
        done = agency.steps_completed
        step = done + 1
        if step > LAST_STEP:
            return Response({"agency": agency.pk, "steps_completed": done, "next_step": None})
        since = last.closed_on if last else None
        diagnosis = selectors.diagnosis_of(agency, step, since=since)
        kind, recipient = STEP_DOCUMENTS[step]
        missing = closure_refusals(
            step=step,
            steps_completed=done,
            diagnosis=diagnosis,
            closed_on=calendar.today(),
            previous_closed_on=since,
            today=calendar.today(),
            rows=1,
            requirements=step_requirement_errors(step, agency.pk),
        )
        return Response(
            {
                "agency": agency.pk,
                "steps_completed": done,
                "next_step": step,
                "internal_audit": diagnosis.internal_audit_id,
                "conducted_on": diagnosis.conducted_on,
                "rooms": len(diagnosis.rooms),
                "missing_rooms": diagnosis.missing_rooms,
                "photos": diagnosis.photos,
                "document": kind or None,
                "recipient": recipient or None,
                "missing": missing,
            }
        )
