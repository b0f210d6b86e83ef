"""REST endpoint of the field score sheet: one answer at a time (audits.field.services)."""

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from audits.api.views import _sheet
from audits.choices import NOTE_MAX_LENGTH, SCORE_MAX, SCORE_MIN
from audits.field import selectors
from audits.field.services import AnswerConflict, sheet_answer
from core.api.permissions import HasPortalRole
from core.idempotency import IDEMPOTENCY_KEY_PARAMETER, run_once


class AnswerSerializer(serializers.Serializer):
    criterion = serializers.CharField(max_length=8)
    score = serializers.IntegerField(
        min_value=SCORE_MIN, max_value=SCORE_MAX, allow_null=True, required=False
    )
    note = serializers.CharField(
        max_length=NOTE_MAX_LENGTH, allow_blank=True, required=False, allow_null=True
    )
    base = serializers.IntegerField(min_value=0, allow_null=True, required=False)


class SheetAnswerView(APIView):
    """`POST /api/v1/audits/{id}/sheets/{person_id}/answers/` {"criterion": "1.1", "score": 4,
    "note": "…", "base": <version the device last saw>} → 200 {"criterion", "score", "note",
    "version"}. Send a fresh Idempotency-Key with each answer (a repeat replays the first
    response). 409 with {"detail", "errors", "server": {...}} when a newer answer from another
    device stands; 400 for a score outside 1..5 or a criterion not scored in this audit; 409
    when the sheet is handed in or the audit signed. GET returns the whole field sheet."""

    permission_classes = [HasPortalRole]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk, person_id):
        return Response(selectors.field_sheet_data(_sheet(request, pk, person_id)))

    @extend_schema(
        request=AnswerSerializer,
        responses=OpenApiTypes.OBJECT,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def post(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def save():
            try:
                answer = sheet_answer(
                    actor=request.user,
                    sheet=sheet,
                    criterion_code=data["criterion"],
                    score=data.get("score"),
                    note=data.get("note"),
                    base=data.get("base"),
                )
            except AnswerConflict as conflict:
                return Response(
                    {
                        "detail": str(conflict.message),
                        "errors": {k: [str(v)] for k, v in conflict.details.items()},
                        "server": asdict(conflict.current),
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            return Response(asdict(answer))

        return run_once(request, save)
