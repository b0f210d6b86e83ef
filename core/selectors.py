"""Reads of core's own records: a user's notices and the state of a commit's follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from core.models import Notice, OutboxMessage, OutboxStatus


def notice_list(*, user: Any) -> QuerySet[Notice]:
    """The user's in-portal notices, newest first. Only sent ones: their text is made when
    they are sent."""
    if not getattr(user, "is_authenticated", False):
        return Notice.objects.none()
    return Notice.objects.filter(user_id=user.pk, sent_at__isnull=False).order_by("-sent_at", "-pk")


@dataclass(frozen=True)
class FollowUp:
    """How a commit's follow-up stands, for a page or an API response."""

    status: str
    label: str
    error: str

    @property
    def is_pending(self) -> bool:
        return self.status in (OutboxStatus.PENDING, OutboxStatus.RUNNING)


def follow_up(handler: str, key: str) -> FollowUp | None:
    """The follow-up (handler, key) as pending/running/done/failed, or None when none exists."""
    row = (
        OutboxMessage.objects.filter(handler=handler, key=key)
        .values("status", "last_error")
        .first()
    )
    if row is None:
        return None
    status = OutboxStatus(row["status"])
    error = row["last_error"] if status == OutboxStatus.FAILED else ""
    return FollowUp(status=status.value, label=str(status.label), error=error)


def outbox_backlog() -> dict[str, int | None]:
    """Pending messages and the age of the oldest, in seconds (the health check shows them)."""
    figures = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).aggregate(
        pending=Count("pk"), oldest=Min("created_at")
    )
    oldest = figures["oldest"]
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"pending": figures["pending"], "oldest_pending_seconds": age}
