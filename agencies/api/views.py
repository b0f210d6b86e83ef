from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from agencies import selectors, services
from agencies.api.serializers import (
    AgencyHeadcountSerializer,
    AgencySerializer,
    PersonSerializer,
    RoomSerializer,
    TeamSerializer,
)
from agencies.filters import AgencyFilter, PersonFilter, RoomFilter
from agencies.indicators import services as indicator_services
from agencies.people import person_of
from agencies.permissions import readable_agency_or_404
from core import evidence as core_evidence
from core.api.filters import SelectorListMixin
from core.api.permissions import HasPortalRole


class AgencyViewSet(SelectorListMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """ОИВ ЯО and СППО the user may see. PATCH `{"actual_headcount"}` sets the actual headcount
    (§4.7 L535): administrators and the agency's team leaders."""

    serializer_class = AgencySerializer
    permission_classes = [HasPortalRole]
    filterset_class = AgencyFilter
    selector = staticmethod(selectors.agency_list)
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=AgencyHeadcountSerializer, responses=AgencySerializer)
    def partial_update(self, request, *args, **kwargs):
        agency = self.get_object()
        serializer = AgencyHeadcountSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = indicator_services.actual_headcount_update(
            actor=request.user,
            agency=agency,
            actual_headcount=serializer.validated_data["actual_headcount"],
        )
        return Response(self.get_serializer(agency).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def evidence(self, request, pk=None):
        """The agency's evidence for every criterion of the current checklist (issue 16, item
        3), in the shape of GET /api/v1/audits/{id}/evidence/; an agency the user does not
        read: 404."""
        agency = self.get_object()
        readable_agency_or_404(request.user, agency)
        rows = core_evidence.criteria_evidence(agency.pk, core_evidence.checklist_criteria())
        return Response(core_evidence.as_payload(rows))


class PersonViewSet(SelectorListMixin, viewsets.ReadOnlyModelViewSet):
    """Employees: `?agency=<id>`, `?working_group=true`, `?trained=true`."""

    serializer_class = PersonSerializer
    permission_classes = [HasPortalRole]
    filterset_class = PersonFilter
    selector = staticmethod(selectors.person_list)

    @extend_schema(filters=False)
    @action(detail=False, methods=["get"], pagination_class=None)
    def me(self, request):
        """The signed-in user's own employee record. Its `id` is the `person_id` of their score
        sheets (`/api/v1/audits/{id}/sheets/{person_id}/`): a field client opens its own sheets
        instead of trying every auditor's. 404 when the account is linked to no employee."""
        person = person_of(request.user)
        if person is None:
            raise NotFound(_("Учётная запись не связана с сотрудником ОИВ ЯО / СППО."))
        return Response(PersonSerializer(person).data)


class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    """5S teams with their members (the leader included)."""

    serializer_class = TeamSerializer
    permission_classes = [HasPortalRole]

    def get_queryset(self):
        return selectors.team_list(user=self.request.user)


class RoomViewSet(
    SelectorListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Rooms of the agencies the user may see (`?agency=<id>`, `?kind=`, `?common_area=`).
    The agency's 5S-team leader and members add and change them (POST, PATCH); administrators
    too; the region's roles read."""

    serializer_class = RoomSerializer
    permission_classes = [HasPortalRole]
    filterset_class = RoomFilter
    selector = staticmethod(selectors.room_list)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        room = services.room_create(actor=request.user, **data)
        return Response(self.get_serializer(room).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        room = self.get_object()
        serializer = self.get_serializer(room, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.get("common_area", False) is None:
            data.pop("common_area")
        room = services.room_update(actor=request.user, room=room, data=data)
        return Response(self.get_serializer(room).data)
