from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from agencies import selectors, services
from agencies.api.serializers import (
    AgencySerializer,
    PersonSerializer,
    RoomSerializer,
    TeamSerializer,
)
from agencies.filters import AgencyFilter, PersonFilter, RoomFilter
from core.api.permissions import HasPortalRole


class SelectorFilters(DjangoFilterBackend):
    """Documents the list's FilterSet (`filterset_class`) in the schema; the filtering itself
    is done by the selector (`filters=`), the same one the page uses."""

    def filter_queryset(self, request, queryset, view):
        return queryset


def _list_filters(view):
    """The query parameters of a list request (the selector filters by them); None otherwise."""
    return view.request.query_params if view.action == "list" else None


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """ОИВ ЯО and СППО the user may see."""

    serializer_class = AgencySerializer
    permission_classes = [HasPortalRole]
    filterset_class = AgencyFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        return selectors.agency_list(user=self.request.user, filters=_list_filters(self))


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Employees: `?agency=<id>`, `?working_group=true`, `?trained=true`."""

    serializer_class = PersonSerializer
    permission_classes = [HasPortalRole]
    filterset_class = PersonFilter
    filter_backends = [SelectorFilters]

    def get_queryset(self):
        return selectors.person_list(user=self.request.user, filters=_list_filters(self))


class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    """5S teams with their members (the leader included)."""

    serializer_class = TeamSerializer
    permission_classes = [HasPortalRole]

    def get_queryset(self):
        return selectors.team_list(user=self.request.user)


class RoomViewSet(
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
    filter_backends = [SelectorFilters]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.room_list(user=self.request.user, filters=_list_filters(self))

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
