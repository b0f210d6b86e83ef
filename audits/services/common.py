"""What the audits services share: the locked re-read of an audit before a change of the group
head, and copying a re-read instance's values back onto the caller's."""

from django.utils.translation import gettext as _

from audits import permissions
from audits.models import Audit
from core.exceptions import ConflictError
from core.services import check_permission


def locked_audit(actor, audit: Audit, refusal: str) -> Audit:
    """The audit's row locked for the caller's transaction and read again after the lock, for
    a change the group head makes before signing. Without the role: PermissionDenied (403);
    signed meanwhile (another request won the lock): ConflictError (409) — so of several
    simultaneous attempts exactly one takes effect."""
    check_permission(permissions.manages_audits(actor), refusal)
    locked = Audit.objects.select_for_update().select_related("agency").get(pk=audit.pk)
    if locked.is_finalised:
        raise ConflictError(
            _("Итоговый оценочный лист подписан: аудит изменить нельзя."),
            details={"status": _("Итоговый оценочный лист уже подписан.")},
        )
    return locked


def refresh(stale, fresh) -> None:
    """The caller's instance takes the values saved through the locked re-read one."""
    for field in fresh._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
