"""REST API of the audits app: the same services and selectors as the HTML views."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Room
from audits import offline, permissions, selectors, services
from audits.api import serializers as s
from audits.choices import XLSX_UPLOAD_MAX_BYTES
from audits.evidence import audit_evidence
from audits.filters import AuditFilter, InternalAuditFilter, PhotoFilter, PlanFilter
from audits.models import (
    ChecklistVersion,
    CorrectiveActionPlan,
    InternalAudit,
    InternalScore,
    ScoreSheet,
)
from core import evidence
from core.api.filters import SelectorFilters, list_filters
from core.api.permissions import HasPortalRole
from core.documents import XLSX_CONTENT_TYPE, file_response
from core.idempotency import IDEMPOTENCY_KEY_PARAMETER, run_once
from core.views import selected_or_404


class ChecklistView(APIView):
    """The checklist of Appendix 2: steps, criteria and each indicator row's five descriptors
    (scores "5" to "1"; a descriptor merged across rows in the original is null)."""

    permission_classes = [HasPortalRole]

    @extend_schema(
        parameters=[OpenApiParameter("version", str, description="edition, latest by default")],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        try:
            version = selectors.checklist_version(request.query_params.get("version"))
        except ChecklistVersion.DoesNotExist as exc:
            raise Http404 from exc
        return Response(selectors.checklist_data(version))


def _sheet(request, pk, person_id):
    sheet = selected_or_404(
        selectors.sheet_detail, user=request.user, audit_pk=pk, auditor_id=person_id
    )
    if not permissions.can_view_sheet(request.user, sheet):
        raise PermissionDenied(_("Это оценочный лист другого члена рабочей группы."))
    return sheet


def _sheet_body(sheet):
    rows = selectors.sheet_rows(sheet, descriptors=False)
    return {
        "audit": sheet.audit_id,
        "auditor": sheet.auditor_id,
        "status": sheet.status,
        "submitted_at": sheet.submitted_at,
        "scores": {r["code"]: r["score"] for r in rows if r["reason"] is None},
        "notes": {r["code"]: r["note"] for r in rows if r["note"]},
        "unscored": {r["code"]: r["reason_label"] for r in rows if r["reason"]},
    }


class AuditViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """External audits (§4.10). POST plans one: {"agency", "date", "auditors": [person ids],
    "completed_steps": [1, 2]} — only the working group head."""

    permission_classes = [HasPortalRole]
    lookup_value_regex = r"[0-9]+"  # `null`, `abc`: an unknown path, JSON 404
    serializer_class = s.AuditSerializer
    filterset_class = AuditFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        return (
            selectors.audit_list(user=self.request.user, filters=list_filters(self))
            .prefetch_related(
                Prefetch("sheets", queryset=ScoreSheet.objects.select_related("auditor"))
            )
            .select_related("checklist")
        )

    @extend_schema(
        request=s.AuditCreateSerializer,
        responses={201: s.AuditSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request):
        return run_once(request, lambda: self._plan(request))

    def _plan(self, request):
        serializer = s.AuditCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        audit = services.audit_plan(
            actor=request.user,
            agency=data["agency"],
            date=data["date"],
            time=data.get("time"),
            auditors=data["auditors"],
            completed_steps=data.get("completed_steps"),
        )
        audit = self.get_queryset().get(pk=audit.pk)
        return Response(s.AuditSerializer(audit).data, status=status.HTTP_201_CREATED)

    # A plain list: neither paginated nor filtered by the audit list's filters.
    @extend_schema(responses=s.CorrectiveActionSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], url_path="open-actions", pagination_class=None)
    def open_actions(self, request, pk=None):
        """Open actions of the agency's approved plans from earlier audits (§9.3): what this
        audit checks."""
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        actions = selectors.open_actions(agency_id=audit.agency_id, before=audit.date)
        return Response(s.CorrectiveActionSerializer(actions, many=True).data)

    @extend_schema(request=s.AuditRescheduleSerializer, responses=s.AuditSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        """Move the audit or change its team before any sheet is handed in (the head)."""
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        serializer = s.AuditRescheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.audit_reschedule(
            actor=request.user,
            audit=audit,
            date=data["date"],
            time=data.get("time"),
            auditors=data["auditors"],
            completed_steps=data.get("completed_steps"),
        )
        return Response(s.AuditSerializer(self.get_queryset().get(pk=audit.pk)).data)

    @extend_schema(request=None, responses={410: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path="it-score")
    def it_score(self, request, pk=None):
        """Gone: criterion 4.3 is no longer typed in by the head; it comes from the IT
        department's monthly record (POST /api/v1/it-standard/; seed 003 §8.4, L1337)."""
        selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        return Response(
            {
                "detail": _(
                    "Критерий 4.3 оценивается по данным департамента информатизации и связи: "
                    "их вносят через POST /api/v1/it-standard/."
                )
            },
            status=status.HTTP_410_GONE,
        )

    def list(self, request, *args, **kwargs):
        # The page's 4.3 scores in one query, not one per audit.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), "it_scores": selectors.it_scores_of(page)}
        return self.get_paginated_response(s.AuditSerializer(page, many=True, context=context).data)


class SheetView(APIView):
    """One auditor's score sheet (Appendix 6). PUT replaces the whole draft."""

    permission_classes = [HasPortalRole]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk, person_id):
        return Response(_sheet_body(_sheet(request, pk, person_id)))

    @extend_schema(request=s.SheetWriteSerializer, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        serializer = s.SheetWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.sheet_save(
            actor=request.user,
            sheet=sheet,
            scores=serializer.validated_data.get("scores", {}),
            notes=serializer.validated_data.get("notes", {}),
        )
        return Response(_sheet_body(sheet))


class SheetSubmitView(APIView):
    permission_classes = [HasPortalRole]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        services.sheet_submit(actor=request.user, sheet=sheet)
        return Response(_sheet_body(sheet))


class SheetWithdrawView(APIView):
    """Take a handed-in sheet back to the draft (issue 17): its auditor, until the group head
    records a collegial decision or signs (409 after that)."""

    permission_classes = [HasPortalRole]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        services.sheet_withdraw(actor=request.user, sheet=sheet)
        return Response(_sheet_body(sheet))


class FinalSheetView(APIView):
    """The final sheet (Appendix 12): criterion values (means or decisions), step values, the
    overall score; decimals are strings with two places, rounded half up."""

    permission_classes = [HasPortalRole]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        if not permissions.can_view_final_sheet(request.user, audit):
            raise PermissionDenied(
                _(
                    "Итоговый оценочный лист открывается после подписания руководителем "
                    "рабочей группы."
                )
            )
        return Response(s.FinalSheetSerializer(selectors.final_sheet_data(audit)).data)


class EvidenceView(APIView):
    """The agency's evidence for every criterion of the audit's checklist (issue 16, item 3):
    {"<code>": [{"kind", "title", "date", "url", "count", "available", "records"}]}, one entry
    per record kind that serves the criterion (core.evidence_map), whichever steps the audit
    covers. Who may read the audit reads its evidence; others get 404."""

    permission_classes = [HasPortalRole]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        return Response(evidence.as_payload(audit_evidence(audit)))


class DecisionView(APIView):
    """§5.6: {"criterion": "1.1", "votes": {"<person_id>": 4, ...}}."""

    permission_classes = [HasPortalRole]

    @extend_schema(request=s.AuditDecisionSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        serializer = s.AuditDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.decision_record(
            actor=request.user,
            audit=audit,
            criterion_code=serializer.validated_data["criterion"],
            votes=serializer.validated_data["votes"],
        )
        return Response(
            s.FinalSheetSerializer(selectors.final_sheet_data(audit)).data,
            status=status.HTTP_201_CREATED,
        )


class FinaliseView(APIView):
    permission_classes = [HasPortalRole]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        services.final_sheet_finalise(actor=request.user, audit=audit)
        return Response(s.FinalSheetSerializer(selectors.final_sheet_data(audit)).data)


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Corrective-action plans (Appendix 30). PUT {"rows": [...]} saves rows; approve;
    send-copy. Create with POST /api/v1/audits/{id}/action-plan/."""

    permission_classes = [HasPortalRole]
    lookup_value_regex = r"[0-9]+"  # `null`, `abc`: an unknown path, JSON 404
    serializer_class = s.CorrectiveActionPlanSerializer
    filterset_class = PlanFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        return (
            selectors.plan_list(user=self.request.user, filters=list_filters(self))
            .select_related("approver")
            .prefetch_related("actions")
        )

    @extend_schema(request=s.PlanRowsSerializer, responses=s.CorrectiveActionPlanSerializer)
    def update(self, request, pk=None):
        plan = self.get_object()
        serializer = s.PlanRowsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.plan_save(actor=request.user, plan=plan, rows=serializer.validated_data["rows"])
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=None, responses=s.CorrectiveActionPlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self.get_object()
        services.plan_approve(actor=request.user, plan=plan)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=None, responses=s.CorrectiveActionPlanSerializer)
    @action(detail=True, methods=["post"], url_path="send-for-approval")
    def send_for_approval(self, request, pk=None):
        """The leader sends the finished draft to its approver (Appendix 30); 409 once
        approved."""
        plan = self.get_object()
        services.plan_send_for_approval(actor=request.user, plan=plan)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(request=None, responses=s.CorrectiveActionPlanSerializer)
    @action(detail=True, methods=["post"], url_path="send-copy")
    def send_copy(self, request, pk=None):
        plan = self.get_object()
        services.plan_send_copy(actor=request.user, plan=plan)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)


class AuditActionPlanView(APIView):
    permission_classes = [HasPortalRole]

    @extend_schema(
        request=None,
        responses={201: s.CorrectiveActionPlanSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def post(self, request, pk):
        return run_once(request, lambda: self._create(request, pk))

    def _create(self, request, pk):
        audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
        plan = services.plan_create(actor=request.user, audit=audit)
        plan = CorrectiveActionPlan.objects.prefetch_related("actions").get(pk=plan.pk)
        return Response(s.CorrectiveActionPlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class InternalAuditViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Internal audits (§4.6): scores of parts of the workspace by steps 1–4; `?agency=`.
    POST records (or replaces) the month's internal audit — the agency's 5S team only."""

    permission_classes = [HasPortalRole]
    lookup_value_regex = r"[0-9]+"  # `null`, `abc`: an unknown path, JSON 404
    serializer_class = s.InternalAuditSerializer
    filterset_class = InternalAuditFilter

    def get_queryset(self):
        return permissions.visible_internal(
            self.request.user,
            InternalAudit.objects.prefetch_related(
                Prefetch("scores", queryset=InternalScore.objects.select_related("room"))
            ).order_by("agency_id", "-month"),
        )

    @extend_schema(
        request=s.InternalAuditCreateSerializer, responses={201: s.InternalAuditSerializer}
    )
    def create(self, request):
        serializer = s.InternalAuditCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        internal = services.internal_audit_save(
            actor=request.user,
            agency=data["agency"],
            conducted_on=data["conducted_on"],
            scores={(row["part"], row["step"]): row["score"] for row in data["scores"]},
        )
        return Response(
            s.InternalAuditSerializer(self.get_queryset().get(pk=internal.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class InternalRoomView(APIView):
    """The agency's rooms (agencies.Room) as the rows of Appendix 7, at the v1 path
    `/api/v1/workspace-parts/`: GET `?agency=` lists them, POST names one (found ignoring case
    and spaces, or added) — the 5S team only. `/api/v1/rooms/` is the full list of rooms."""

    permission_classes = [HasPortalRole]

    @extend_schema(
        parameters=[OpenApiParameter("agency", int, required=True)],
        responses=s.InternalRoomSerializer(many=True),
    )
    def get(self, request):
        agency_id = request.query_params.get("agency")
        if not agency_id or not str(agency_id).isdigit():
            raise Http404
        if not permissions.can_view_internal(request.user, int(agency_id)):
            raise PermissionDenied
        rooms = Room.objects.filter(agency_id=agency_id).order_by("name")
        return Response([_room_body(room) for room in rooms])

    @extend_schema(request=s.InternalRoomSerializer, responses={201: s.InternalRoomSerializer})
    def post(self, request):
        serializer = s.InternalRoomSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        room = services.internal_audit_room_add(
            actor=request.user,
            agency=serializer.validated_data["agency"],
            name=serializer.validated_data["name"],
        )
        return Response(_room_body(room), status=status.HTTP_201_CREATED)


def _room_body(room: Room) -> dict:
    return {"id": room.pk, "agency": room.agency_id, "name": room.name}


class SheetXlsxView(APIView):
    """The offline sheet: GET the pre-filled XLSX, POST (multipart `file`) the filled one back.
    Every invalid cell comes back in `errors`, keyed by its position; nothing is saved then."""

    permission_classes = [HasPortalRole]
    parser_classes = [MultiPartParser]

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    def get(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        return file_response(
            offline.sheet_workbook(sheet), XLSX_CONTENT_TYPE, offline.sheet_filename(sheet)
        )

    @extend_schema(request=s.XlsxUploadSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk, person_id):
        sheet = _sheet(request, pk, person_id)
        serializer = s.XlsxUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        offline.sheet_upload(
            actor=request.user,
            sheet=sheet,
            content=serializer.validated_data["file"].read(XLSX_UPLOAD_MAX_BYTES + 1),
        )
        return Response(_sheet_body(sheet))


class PhotoViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The photo report (§4.6); POST multipart with the image and its explanation."""

    permission_classes = [HasPortalRole]
    lookup_value_regex = r"[0-9]+"  # `null`, `abc`: an unknown path, JSON 404
    serializer_class = s.PhotoSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_class = PhotoFilter

    def get_queryset(self):
        return selectors.photo_list(user=self.request.user)

    @extend_schema(
        request=s.PhotoUploadSerializer,
        responses={201: s.PhotoSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request):
        return run_once(request, lambda: self._upload(request))

    def _upload(self, request):
        serializer = s.PhotoUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        photo = services.photo_upload(
            actor=request.user,
            agency=data["agency"],
            upload=data["image"],
            taken_on=data["taken_on"],
            place=data["place"],
            subject=data["subject"],
            photographer=data["photographer"],
            problem=data.get("problem", ""),
            before=data.get("before"),
        )
        return Response(s.PhotoSerializer(photo).data, status=status.HTTP_201_CREATED)
