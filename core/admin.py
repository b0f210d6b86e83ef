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


class ServiceOnlyAdmin(PortalModelAdmin):
    """Records whose rules live in an app's services (numbering, signatures, computed
    factors): the admin shows them, the portal's pages and API write them. ``deletable``
    lets an administrator remove a record that nothing else depends on."""

    deletable = False

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)
