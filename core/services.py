"""Helpers every app's services share (CONVENTIONS, «Shared service helpers in core; no private
copies»): the permission check, `full_clean` turned into the portal's error, and the update of
an instance from declared fields."""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

ModelT = TypeVar("ModelT", bound=models.Model)


def locked(instance: ModelT, *related: str) -> ModelT:
    """The instance's row locked for the caller's transaction and read again after the lock
    (with `related` joined, not locked: `of=("self",)`), so a change is decided on what is
    stored now, not on what the caller read before another request won the lock."""
    return (
        type(instance)
        ._default_manager.select_for_update(of=("self",))
        .select_related(*related)
        .get(pk=instance.pk)
    )


def check_permission(allowed: bool, message: str) -> None:
    """Refuse a user without the right: 403 in the API and on pages, nothing saved."""
    if not allowed:
        raise PermissionDenied(message)


def full_clean_or_raise(
    instance: models.Model,
    *,
    message: str | None = None,
    exclude: Iterable[str] | None = None,
    validate_unique: bool = True,
    validate_constraints: bool = True,
) -> None:
    """Validate a model instance; its field errors become one ApplicationError whose details
    map each field to its messages (shown beside the field on forms, 400 in the API). A
    service that leaves a unique rule to the database (two requests creating one record at
    once) turns off both checks and catches the IntegrityError."""
    try:
        instance.full_clean(
            exclude=exclude,
            validate_unique=validate_unique,
            validate_constraints=validate_constraints,
        )
    except ValidationError as error:
        details = {
            name: " ".join(str(text) for text in texts)
            for name, texts in error.message_dict.items()
        }
        raise ApplicationError(
            message or _("Данные не сохранены: проверьте поля."), details=details
        ) from error


def update_from(
    instance: models.Model, data: Mapping[str, Any], fields: Iterable[str]
) -> list[str]:
    """Copy the `fields` present in `data` onto `instance`; return the names that changed (for
    `save(update_fields=...)`). Only declared fields are ever written, so a request cannot set
    a field the service did not name."""
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed
