"""What every app shares: the outbox of follow-ups after a commit, and the notices it sends.

Neither model belongs to a section of the regulation; they carry what the regulation asks the
apps to do after a record is saved (the §5.5 notice of an audit, the §4.10 copy of a final
sheet, the §5.4 sorting reminder) so that none of it is lost when the broker is down.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("ожидает")
    RUNNING = "running", _("выполняется")
    DONE = "done", _("выполнено")
    FAILED = "failed", _("не выполнено")


class OutboxMessage(models.Model):
    """One follow-up of a commit (a document to make, a notice to send), written in the same
    transaction as the record it follows, delivered after the commit by a worker or in-process,
    and again by the sweep when the broker never got it or a worker died (core.outbox)."""

    handler = models.CharField(_("обработчик"), max_length=100)
    key = models.CharField(_("ключ"), max_length=255)
    payload = models.JSONField(_("параметры"), default=dict, blank=True)
    status = models.CharField(
        _("состояние"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("попыток"), default=0)
    created_at = models.DateTimeField(_("создано"), default=timezone.now)
    # Not delivered before this moment (the backoff after an unexpected error).
    available_at = models.DateTimeField(_("не ранее"), default=timezone.now)
    # Last handed to the broker; empty while no broker took it.
    dispatched_at = models.DateTimeField(_("передано очереди"), null=True, blank=True)
    # A running delivery owns the message until then; past it, the worker is taken for dead.
    lease_expires_at = models.DateTimeField(_("аренда до"), null=True, blank=True)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    last_error = models.TextField(_("последняя ошибка"), blank=True)

    class Meta:
        verbose_name = _("отложенное действие")
        verbose_name_plural = _("отложенные действия")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["handler", "key"], name="outbox_unique_handler_key")
        ]
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_status_due")]

    def __str__(self):
        return f"{self.handler}:{self.key} ({self.get_status_display()})"


class Notice(models.Model):
    """A notice or reminder to one person about one record (an audit, an agency's sorting) for
    one due date: sent at most once, by e-mail when the recipient has an address, and always
    listed in the portal for a recipient with an account (core.notifications)."""

    kind = models.CharField(_("вид"), max_length=64)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("тип записи"), on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("запись"))
    subject = GenericForeignKey("subject_type", "subject_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("получатель"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    email = models.EmailField(_("адрес электронной почты"), blank=True)
    # Who the notice is for, once: «user:<id>» for an account, «email:<address>» otherwise.
    recipient_key = models.CharField(_("получатель (ключ)"), max_length=300)
    due_on = models.DateField(_("срок"), null=True, blank=True)
    created_at = models.DateTimeField(_("создано"), default=timezone.now)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    # The text as it was sent (the record may change later).
    title = models.CharField(_("тема"), max_length=300, blank=True)
    body = models.TextField(_("текст"), blank=True)
    url = models.CharField(_("ссылка"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One notice per kind, record, recipient and due date; a notice without a due date
            # (NULL is never equal to NULL in a unique index) gets its own partial constraint.
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "recipient_key", "due_on"],
                condition=Q(due_on__isnull=False),
                name="notice_once_per_due_date",
            ),
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "recipient_key"],
                condition=Q(due_on__isnull=True),
                name="notice_once_without_due_date",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="notice_user_recent")]

    def __str__(self):
        return self.title or f"{self.kind} → {self.recipient_key}"

    @property
    def is_sent(self):
        return self.sent_at is not None


# Registered here so that Django finds the model of core.idempotency.
from core.idempotency import IdempotencyRecord  # noqa: E402, F401
