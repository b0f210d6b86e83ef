from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.permissions import can_change_anything, roles_of


class HasPortalRole(BasePermission):
    """Signed in and holding at least one portal role; the governor's office only reads."""

    def has_permission(self, request, view):
        if not roles_of(request.user):
            return False
        return request.method in SAFE_METHODS or can_change_anything(request.user)
