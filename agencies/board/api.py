"""REST API of the information board (§4.9, L561–597; Appendix 11), scoped like the pages.

GET /api/v1/agencies/{id}/board/ — the board: {"agency", "agency_name", "goal", "place",
"size", "collector", "collector_name", "designer", "designer_name", "set_up_on", "lessons":
{"sorting", "set_in_order", "shine", "standardisation", "sustain"} (Appendix 11's mini-lessons,
"" when not written), "status":
{"state": "fresh" | "due" | "overdue", "last_update", "due_on", "overdue_after"}, "sections":
[{"key", "title", "empty", "empty_text", "note", "rows": [{"label", "value", "state"}],
"images": [{"caption", "group", "url"}]}], "updates": [...], "update_count", "remarks": [...]};
PUT (the agency's 5S team) {"goal"?, "place"?, "size"?, "collector", "designer", "lessons"?:
{"sorting"?, …}} sets it up (a lesson left out is kept).
GET /api/v1/board-updates/?agency=&date_after=&date_before=; POST (multipart: "agency",
"date", "person"?, "note"?, "photo") → 201, the team only.
GET /api/v1/board-remarks/?agency=&kind=; POST {"agency", "kind": "remark" | "proposal",
"text"} → 201, any employee of the agency (a proposal is also an improvement proposal, its id
in "proposal")."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.board import selectors, services
from agencies.board.choices import (
    LESSON_KEYS,
    REMARK_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    RemarkKind,
    lesson_field,
)
from agencies.board.filters import BoardRemarkFilter, BoardUpdateFilter
from agencies.board.models import BoardRemark, BoardUpdate
from agencies.board.selectors import BoardView
from agencies.models import Agency, Person
from agencies.permissions import readable_agency_or_404
from core import calendar
from core.api.filters import SelectorListMixin
from core.api.parsers import JSONParser
from core.api.permissions import HasPortalRole
from core.idempotency import IDEMPOTENCY_KEY_PARAMETER, run_once


class BoardUpdateSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    photo_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = BoardUpdate
        fields = [
            "id",
            "agency",
            "agency_name",
            "date",
            "person",
            "person_name",
            "note",
            "photo_url",
            "thumbnail_url",
            "recorded_at",
        ]

    def get_photo_url(self, update) -> str:
        return reverse("agencies:board-update-photo", args=[update.pk, "image"])

    def get_thumbnail_url(self, update) -> str:
        return reverse("agencies:board-update-photo", args=[update.pk, "thumbnail"])


class BoardUpdateInputSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    date = serializers.DateField()
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False)
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    photo = serializers.FileField()


class BoardRemarkSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = BoardRemark
        fields = [
            "id",
            "agency",
            "agency_name",
            "kind",
            "text",
            "author",
            "author_name",
            "proposal",
            "created_at",
        ]

    def get_author_name(self, remark) -> str:
        return remark.author.full_name if remark.author_id else ""


class BoardRemarkInputSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    kind = serializers.ChoiceField(choices=RemarkKind.choices, default=RemarkKind.REMARK)
    text = serializers.CharField(max_length=REMARK_MAX_LENGTH)


class LessonsSerializer(serializers.Serializer):
    """Appendix 11's mini-lessons (L3675, L3677), each optional."""

    sorting = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    set_in_order = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    shine = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    standardisation = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    sustain = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class BoardInputSerializer(serializers.Serializer):
    goal = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True)
    size = serializers.CharField(max_length=300, required=False, allow_blank=True)
    collector = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), allow_null=True)
    designer = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), allow_null=True)
    lessons = LessonsSerializer(required=False)


class BoardUpdateViewSet(SelectorListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Updates of the physical board (L583, L589) of the agencies the user reads."""

    permission_classes = [HasPortalRole]
    serializer_class = BoardUpdateSerializer
    filterset_class = BoardUpdateFilter
    selector = staticmethod(selectors.board_update_list)
    lookup_value_regex = r"[0-9]+"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=BoardUpdateInputSerializer,
        responses={201: BoardUpdateSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request, *args, **kwargs):
        return run_once(request, lambda: self._record(request))

    def _record(self, request):
        serializer = BoardUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        update = services.board_update_record(
            actor=request.user,
            agency=data["agency"],
            date=data["date"],
            person=data.get("person"),
            note=data.get("note", ""),
            photo=data["photo"],
        )
        update = selectors.board_update_list(user=request.user).get(pk=update.pk)
        return Response(BoardUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class BoardRemarkViewSet(SelectorListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Employees' proposals and remarks about the board (L595)."""

    permission_classes = [HasPortalRole]
    serializer_class = BoardRemarkSerializer
    filterset_class = BoardRemarkFilter
    selector = staticmethod(selectors.board_remark_list)
    lookup_value_regex = r"[0-9]+"
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=BoardRemarkInputSerializer,
        responses={201: BoardRemarkSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request, *args, **kwargs):
        return run_once(request, lambda: self._add(request))

    def _add(self, request):
        serializer = BoardRemarkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        remark = services.board_remark_add(
            actor=request.user, agency=data["agency"], kind=data["kind"], text=data["text"]
        )
        remark = selectors.board_remark_list(user=request.user).get(pk=remark.pk)
        return Response(BoardRemarkSerializer(remark).data, status=status.HTTP_201_CREATED)


def board_data(view: BoardView) -> dict:
    board = view.board
    sections = []
    for section in view.sections:
        content = section.content
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "empty": section.is_empty,
                "empty_text": section.empty_text,
                "note": content.note if content else "",
                "rows": [
                    {"label": row.label, "value": row.value, "state": row.state}
                    for row in (content.rows if content else ())
                ],
                "images": [
                    {"caption": image.caption, "group": image.group, "url": image.url}
                    for image in (content.images if content else ())
                ],
            }
        )
    return {
        "agency": view.agency.pk,
        "agency_name": view.agency.short_name,
        "goal": board.goal if board else "",
        "place": board.place if board else "",
        "size": board.size if board else "",
        "collector": board.collector_id if board else None,
        "collector_name": board.collector.full_name if board and board.collector else "",
        "designer": board.designer_id if board else None,
        "designer_name": board.designer.full_name if board and board.designer else "",
        "set_up_on": board.set_up_on if board else None,
        "lessons": {key: getattr(board, lesson_field(key)) if board else "" for key in LESSON_KEYS},
        "status": {
            "state": view.status.state,
            "last_update": view.status.last_update,
            "due_on": view.status.due_on,
            "overdue_after": view.status.overdue_after,
        },
        "sections": sections,
        "updates": BoardUpdateSerializer(view.updates, many=True).data,
        "update_count": view.update_count,
        "remarks": BoardRemarkSerializer(view.remarks, many=True).data,
    }


class BoardAPIView(APIView):
    """One agency's board (Appendix 11); PUT sets it up (the agency's 5S team)."""

    permission_classes = [HasPortalRole]

    def _agency(self, request, pk) -> Agency:
        return readable_agency_or_404(request.user, get_object_or_404(Agency, pk=pk))

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        agency = self._agency(request, pk)
        return Response(board_data(selectors.board_view(agency=agency, today=calendar.today())))

    @extend_schema(request=BoardInputSerializer, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk):
        agency = self._agency(request, pk)
        serializer = BoardInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.board_save(
            actor=request.user,
            agency=agency,
            goal=data.get("goal", ""),
            place=data.get("place", ""),
            size=data.get("size", ""),
            collector=data["collector"],
            designer=data["designer"],
            lessons=data.get("lessons"),
        )
        return Response(board_data(selectors.board_view(agency=agency, today=calendar.today())))
