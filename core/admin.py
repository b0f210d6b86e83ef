from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.models import Notice, OutboxMessage
from core.permissions import is_administrator, sees_whole_region


class PortalModelAdmin(SimpleHistoryAdmin):
    """Admin pages ask the portal's permission module: the region's readers may look, only
    administrators change anything. An app whose records are not all visible to the region's
    readers (an unsigned audit, another auditor's sheet) narrows `scope` and `may_see` to its
    own permissions: the list, the record and its change history then show only what the
    user may see in the portal (issue 13, item 4)."""

    def scope(self, request, queryset):
        """The records the user may see, in the query."""
        return queryset

    def may_see(self, request, obj) -> bool:
        return True

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def has_module_permission(self, request):
        return request.user.is_staff and sees_whole_region(request.user)

    def has_view_permission(self, request, obj=None):
        allowed = request.user.is_staff and sees_whole_region(request.user)
        return allowed and (obj is None or self.may_see(request, obj))

    def has_add_permission(self, request, *args):
        return request.user.is_staff and is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = request.user.is_staff and is_administrator(request.user)
        return allowed and (obj is None or self.may_see(request, obj))

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and is_administrator(request.user)

    def history_view(self, request, object_id, extra_context=None):
        """A model without change history (no HistoricalRecords) gets Django's own history
        page (the admin log); simple_history's would fail with a server error."""
        if not getattr(self.model._meta, "simple_history_manager_attribute", None):
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)


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


class ReadOnlyAdmin(PortalModelAdmin):
    """Records the portal writes itself (the outbox, the notices it sent): shown, never edited."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["handler", "key", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "handler"]
    search_fields = ["handler", "key"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "recipient_key", "due_on", "created_at", "sent_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "recipient_key", "email"]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in Notice._meta.fields]


# --- Guessing protection (django-axes): the administrator's unlock ------------------------------
# axes registers its admin pages with Django's model permissions, which the portal's roles do
# not use; these ask the portal's permission module like every other admin page.


class _PortalPermissions:
    def has_module_permission(self, request):
        return request.user.is_staff and is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and is_administrator(request.user)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LockedAccountAdmin(_PortalPermissions, AccessAttemptAdmin):
    """Failed logins per account; deleting them (or the «unlock» action) lifts the lock."""

    actions = ["unlock"]

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff and is_administrator(request.user)

    @admin.action(description=gettext_lazy("Снять блокировку входа"))
    def unlock(self, request, queryset):
        usernames = sorted(set(queryset.values_list("username", flat=True)))
        AccessAttempt.objects.filter(username__in=usernames).delete()
        self.message_user(
            request,
            _("Блокировка снята: %(names)s.") % {"names": ", ".join(usernames)},
        )


class LoginLogAdmin(_PortalPermissions, AccessLogAdmin):
    pass


class LoginFailureLogAdmin(_PortalPermissions, AccessFailureLogAdmin):
    pass


for _model, _model_admin in (
    (AccessAttempt, LockedAccountAdmin),
    (AccessLog, LoginLogAdmin),
    (AccessFailureLog, LoginFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
