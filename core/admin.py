from simple_history.admin import SimpleHistoryAdmin

from core.permissions import is_administrator, sees_whole_region


class PortalModelAdmin(SimpleHistoryAdmin):
    """Admin pages ask the portal's permission module: the region's readers may look, only
    administrators change anything."""

    def has_module_permission(self, request):
        return request.user.is_staff and sees_whole_region(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and sees_whole_region(request.user)

    def has_add_permission(self, request, *args):
        return request.user.is_staff and is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return request.user.is_staff and is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and is_administrator(request.user)
