"""API tokens die with the password they were issued under (issue 13 item 2).

Any change of the stored password — the password change page, a reset by e-mail, the admin,
`manage.py changepassword`, or code calling `set_password()` and saving — and a deactivation
revoke every API token of the user. The password hash is compared with the stored one before
the save, so nothing depends on which path changed it. (Sessions need nothing of this: Django
ends them when the password changes, and an inactive user is not authenticated.)"""

from django.db.models.signals import post_save, pre_save
from knox.models import AuthToken

_CHANGED = "_portal_credentials_changed"


def remember_credential_change(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    saved = set(update_fields) if update_fields is not None else None
    password_changed = (saved is None or "password" in saved) and (
        stored["password"] != instance.password
    )
    deactivated = (saved is None or "is_active" in saved) and (
        stored["is_active"] and not instance.is_active
    )
    setattr(instance, _CHANGED, password_changed or deactivated)


def revoke_tokens_on_credential_change(sender, instance, created=False, raw=False, **kwargs):
    if raw or not getattr(instance, _CHANGED, False):
        return
    AuthToken.objects.filter(user=instance).delete()
    setattr(instance, _CHANGED, False)


def connect(user_model) -> None:
    pre_save.connect(
        remember_credential_change, sender=user_model, dispatch_uid="portal-credential-change"
    )
    post_save.connect(
        revoke_tokens_on_credential_change, sender=user_model, dispatch_uid="portal-token-revoke"
    )
