from rest_framework import viewsets

from agencies import selectors
from agencies.api.serializers import AgencySerializer, PersonSerializer, TeamSerializer
from agencies.filters import AgencyFilter, PersonFilter
from core.api.permissions import HasPortalRole


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """ОИВ ЯО and СППО the user may see."""

    serializer_class = AgencySerializer
    permission_classes = [HasPortalRole]
    filterset_class = AgencyFilter

    def get_queryset(self):
        return selectors.agency_list(user=self.request.user)


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Employees: `?agency=<id>`, `?working_group=true`, `?trained=true`."""

    serializer_class = PersonSerializer
    permission_classes = [HasPortalRole]
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(user=self.request.user)


class TeamViewSet(viewsets.ReadOnlyModelViewSet):
    """5S teams with their members (the leader included)."""

    serializer_class = TeamSerializer
    permission_classes = [HasPortalRole]

    def get_queryset(self):
        return selectors.team_list(user=self.request.user)
