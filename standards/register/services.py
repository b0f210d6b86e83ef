"""Writes of the register of 5S standards (§8.2, seed 003 L1119–1257) and of the daily 5S
checklist (Appendix 26, L1183–1189).

- A standard is written by the agency's 5S team in versions; the leader agrees a version and the
  head approves it (L1139). The approved version is in force until a newer one is approved; it
  is to be reviewed within a year (L1145) and is placed in «ДИАрама» (§4.10) through the
  knowledge base's outbox handler.
- An approved standard of another agency may be adopted as the start of one's own (§3.2.4:
  «передачи знаний и накопления опыта»): a copy naming its origin, then agreed and approved as
  usual.
- The daily checklist: every form posted is a new version; at most 10 items (L1189) and at most
  5 minutes (L1187).

Each service checks the right first (403, nothing saved), locks what it changes, validates and
writes; a broken rule raises ApplicationError (400), a state that no longer allows the action
raises ConflictError (409).
"""

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agencies.models import Agency, FiveSTeam, Person
from agencies.people import person_of
from core import calendar, i18n, notifications, outbox
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise, update_from
from standards.register import notices, permissions, rules
from standards.register.choices import (
    CHECKLIST_MAX_ITEMS,
    CHECKLIST_MAX_MINUTES,
    REVIEW_REMINDER_DAYS,
    ChecklistStatus,
    FiveSStage,
    StandardStatus,
    VersionStatus,
)
from standards.register.models import (
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardAttachment,
    StandardKind,
    StandardVersion,
)

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "standards"
STANDARD_FIELDS = ("title", "purpose", "problems")
AnyUser = User | AnonymousUser

RULE_MAX_ITEMS = _(
    "Контрольный лист содержит не более %(max)d пунктов (пункт 8.2 Методических рекомендаций)."
)


# --- Reference data ------------------------------------------------------------------------------


@transaction.atomic
def reference_load(*, path: str | Path | None = None) -> int:
    """Load the eight mandatory standards of §8.2 (L1161–1253) from the fixture (idempotent)."""
    data = json.loads(
        Path(path or FIXTURE_DIR / "mandatory_standards.json").read_text(encoding="utf-8")
    )
    # The English beside the fixture (mandatory_standards.en.json, issue 17 item 10).
    english = i18n.english_texts(path or FIXTURE_DIR / "mandatory_standards.json")
    for row in data["kinds"]:
        StandardKind.objects.update_or_create(
            code=row["code"],
            defaults={
                "title": row["title"],
                "title_en": i18n.english_of(english, row["title"]),
                "order": row["order"],
                "source_line": row["line"],
            },
        )
    return StandardKind.objects.count()


def step_forms(*, path: str | Path | None = None) -> list[str]:
    """The forms of steps 1–3 that §8.2 asks to check and re-approve as 5S standards
    (L1147–1159), offered on the register page to be entered as standards."""
    data = json.loads(Path(path or FIXTURE_DIR / "step_forms.json").read_text("utf-8"))
    return [row["title"] for row in data["forms"]]


def step_form_title(title: str) -> str:
    """A step form's title as a person reads it (English in English mode; the standard entered
    from it keeps the regulation's Russian title)."""
    return i18n.shown_template_text("standards/step_forms.json", title)


def checklist_template(*, path: str | Path | None = None) -> list[dict[str, str]]:
    """The items of Appendix 26 (L4769–4803), offered as the first form of an agency."""
    data = json.loads(Path(path or FIXTURE_DIR / "daily_checklist.json").read_text("utf-8"))
    return [{"stage": row["stage"], "text": row["text"]} for row in data["items"]]


# --- Standards -----------------------------------------------------------------------------------


def _team_leader(agency: Agency) -> Person | None:
    team = FiveSTeam.objects.filter(agencies=agency).select_related("leader").first()
    return team.leader if team is not None else None


@transaction.atomic
def standard_create(
    *,
    actor: AnyUser,
    agency: Agency,
    kind: StandardKind | None = None,
    title: str = "",
    purpose: str = "",
    problems: str = "",
    text: str = "",
) -> Standard:
    """A new entry of the register (Appendix 29) with its first draft version. A mandatory
    kind's title defaults to the regulation's; each kind is entered once per agency."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("5S-стандарты ОИВ ЯО или СППО разрабатывает его 5S-команда."),
    )
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    title = (title or "").strip() or (kind.title if kind is not None else "")
    if kind is not None and Standard.objects.filter(agency=agency, kind=kind).exists():
        raise ApplicationError(
            _("5S-стандарт не создан."),
            {
                "kind": _(
                    "Этот обязательный 5S-стандарт уже есть в перечне; внесите новую редакцию."
                )
            },
        )
    standard = Standard(
        agency=agency,
        kind=kind,
        title=title,
        purpose=purpose,
        problems=problems,
        created_by=actor if actor.is_authenticated else None,
    )
    full_clean_or_raise(standard, message=_("5S-стандарт не создан."), validate_unique=False)
    standard.save()
    StandardVersion.objects.create(
        standard=standard, number=1, text=text, created_by=standard.created_by
    )
    return standard


@transaction.atomic
def standard_update(*, actor: AnyUser, standard: Standard, data: dict[str, Any]) -> Standard:
    """The register's columns (Appendix 29): title, purpose, problems met."""
    check_permission(
        permissions.can_edit(actor, standard.agency_id),
        _("Перечень 5S-стандартов ведёт 5S-команда."),
    )
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    changed = update_from(standard, data, STANDARD_FIELDS)
    full_clean_or_raise(standard, message=_("5S-стандарт не сохранён."), validate_unique=False)
    if changed:
        standard.save(update_fields=changed)
    return standard


def _locked_version(version: StandardVersion) -> StandardVersion:
    return (
        StandardVersion.objects.select_for_update()
        .select_related("standard__agency")
        .get(pk=version.pk)
    )


@transaction.atomic
def version_update(
    *, actor: AnyUser, version: StandardVersion, text: str, change_note: str = ""
) -> StandardVersion:
    check_permission(
        permissions.can_edit(actor, version.standard.agency_id),
        _("Текст 5S-стандарта пишет 5S-команда."),
    )
    version = _locked_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ConflictError(
            _("Редакция уже согласована или утверждена: внесите новую редакцию."),
            {"status": version.status},
        )
    version.text = text
    version.change_note = change_note
    full_clean_or_raise(version, message=_("Редакция не сохранена."), validate_unique=False)
    version.save(update_fields=["text", "change_note"])
    return version


@transaction.atomic
def version_revise(*, actor: AnyUser, standard: Standard, change_note: str = "") -> StandardVersion:
    """A new draft version for the yearly review (L1145) or a change, starting from the text
    in force; refused while a version is still being agreed."""
    check_permission(
        permissions.can_edit(actor, standard.agency_id),
        _("Новую редакцию 5S-стандарта вносит 5S-команда."),
    )
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    versions = standard.versions.all()
    if versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.AGREED]).exists():
        raise ConflictError(
            _("У 5S-стандарта уже есть неутверждённая редакция."), {"standard": standard.pk}
        )
    base = standard.approved_version
    number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = StandardVersion.objects.create(
        standard=standard,
        number=number,
        text=base.text if base is not None else "",
        change_note=change_note,
        created_by=actor if actor.is_authenticated else None,
    )
    if base is not None:
        _copy_attachments(base, version)
    return version


def _copy_attachments(source: StandardVersion, target: StandardVersion) -> None:
    for attachment in source.attachments.all():
        copy = StandardAttachment(version=target, caption=attachment.caption)
        with attachment.file.open("rb") as handle:
            copy.file.save(
                Path(attachment.file.name or "file").name, ContentFile(handle.read()), save=False
            )
        copy.save()


@transaction.atomic
def attachment_add(
    *, actor: AnyUser, version: StandardVersion, file: Any, caption: str = ""
) -> StandardAttachment:
    """A picture, scheme or file (L1141) added to a draft version."""
    check_permission(
        permissions.can_edit(actor, version.standard.agency_id),
        _("Приложения к 5S-стандарту добавляет 5S-команда."),
    )
    version = _locked_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ConflictError(_("Редакция уже согласована или утверждена."), {})
    attachment = StandardAttachment(version=version, file=file, caption=caption)
    full_clean_or_raise(attachment, message=_("Приложение не добавлено."))
    attachment.save()
    return attachment


@transaction.atomic
def version_agree(
    *, actor: AnyUser, version: StandardVersion, today: datetime.date | None = None
) -> StandardVersion:
    """L1139: «гриф согласования лидером 5S-команды»."""
    check_permission(
        permissions.can_agree(actor, version.standard.agency_id),
        _("5S-стандарт согласует лидер 5S-команды."),
    )
    version = _locked_version(version)
    if version.status != VersionStatus.DRAFT:
        raise ConflictError(_("Редакция уже согласована."), {"status": version.status})
    if not version.text.strip() and not version.attachments.exists():
        raise ApplicationError(
            _("Редакция не согласована."), {"text": _("Напишите текст или приложите файл.")}
        )
    agency = version.standard.agency
    on_behalf = permissions.acts_on_behalf(actor, agency, as_head=False)
    version.status = VersionStatus.AGREED
    version.agreed_by = _team_leader(agency) if on_behalf else person_of(actor)
    version.agreed_on = today or calendar.today()
    if on_behalf:
        version.signed_on_behalf_by = actor  # type: ignore[assignment]
    version.save()
    return version


@transaction.atomic
def version_approve(
    *, actor: AnyUser, version: StandardVersion, today: datetime.date | None = None
) -> StandardVersion:
    """L1139: «гриф утверждения руководителем ОИВ ЯО или СППО». The version comes into force,
    the one before it is superseded, the review is due in a year (L1145) and the standard is
    placed in «ДИАрама» (§4.10)."""
    agency = version.standard.agency
    check_permission(
        permissions.can_approve(actor, agency),
        _("5S-стандарт утверждает руководитель ОИВ ЯО или СППО."),
    )
    version = _locked_version(version)
    standard = Standard.objects.select_for_update().get(pk=version.standard_id)
    if version.status == VersionStatus.DRAFT:
        raise ConflictError(
            _("Сначала редакцию согласует лидер 5S-команды."), {"status": version.status}
        )
    if version.status != VersionStatus.AGREED:
        raise ConflictError(_("Редакция уже утверждена."), {"status": version.status})
    approved_on = today or calendar.today()
    on_behalf = permissions.acts_on_behalf(actor, agency, as_head=True)
    standard.versions.filter(status=VersionStatus.APPROVED).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.APPROVED
    version.approved_by = agency.head if on_behalf else person_of(actor)
    version.approved_on = approved_on
    if on_behalf:
        version.signed_on_behalf_by = actor  # type: ignore[assignment]
    version.save()
    standard.status = StandardStatus.APPROVED
    standard.approved_version = version
    standard.approved_on = approved_on
    standard.review_due = rules.review_due(approved_on)
    standard.save(update_fields=["status", "approved_version", "approved_on", "review_due"])
    outbox.schedule(
        notices.PUBLISH_STANDARD,
        key=f"standard:{standard.pk}:{version.number}",
        payload={
            "source_key": f"standard:{standard.pk}",
            "agency_id": agency.pk,
            "period": approved_on.isoformat(),
            "title": f"{standard.title} ({agency.short_name})",
            "url": version.get_absolute_url(),
        },
    )
    return version


@transaction.atomic
def standard_adopt(*, actor: AnyUser, source: Standard, agency: Agency) -> Standard:
    """Start the agency's standard from another agency's approved one (§3.2.4): a copy of the
    version in force that names its origin, then edited, agreed and approved as usual."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("5S-стандарт для ОИВ ЯО или СППО заимствует его 5S-команда."),
    )
    origin = source.approved_version
    if origin is None:
        raise ApplicationError(
            _("Заимствовать можно только утверждённый 5S-стандарт."), {"source": source.pk}
        )
    if source.agency_id == agency.pk:
        raise ApplicationError(
            _("Этот 5S-стандарт уже принадлежит ОИВ ЯО или СППО."), {"agency": agency.pk}
        )
    standard = standard_create(
        actor=actor,
        agency=agency,
        kind=source.kind,
        title=source.title,
        purpose=source.purpose,
        text=origin.text,
    )
    standard.origin = origin
    standard.origin_label = _("%(agency)s, «%(title)s», редакция %(number)s от %(date)s") % {
        "agency": source.agency.short_name,
        "title": source.title,
        "number": origin.number,
        "date": origin.approved_on.strftime("%d.%m.%Y") if origin.approved_on else "",
    }
    standard.save(update_fields=["origin", "origin_label"])
    _copy_attachments(origin, standard.versions.get(number=1))
    return standard


@transaction.atomic
def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """The yearly review (L1145): a reminder REVIEW_REMINDER_DAYS before the due date and a
    notice the day after it; each once per standard and due date (core.notifications).
    Returns the number of notices made now."""
    today = today or calendar.today()
    before = Notice.objects.filter(kind__in=[notices.REVIEW_DUE, notices.REVIEW_OVERDUE]).count()
    due = (
        Standard.objects.filter(status=StandardStatus.APPROVED, review_due__isnull=False)
        .filter(review_due__lte=today + datetime.timedelta(days=REVIEW_REMINDER_DAYS))
        .select_related("agency__head")
    )
    leaders: dict[int, list[Person]] = {}
    for team in FiveSTeam.objects.select_related("leader").prefetch_related("agencies"):
        for agency in team.agencies.all():
            leaders.setdefault(agency.pk, []).append(team.leader)
    for standard in due:
        assert standard.review_due is not None
        kind = (
            notices.REVIEW_OVERDUE
            if rules.is_review_overdue(standard.review_due, today)
            else notices.REVIEW_DUE
        )
        recipients: list[Any] = [*leaders.get(standard.agency_id, [])]
        if standard.agency.head is not None:
            recipients.append(standard.agency.head)
        notifications.notify(
            kind=kind, subject=standard, recipients=recipients, due_on=standard.review_due
        )
    # notify() answers every notice for the recipients, old ones too: count the new ones.
    return (
        Notice.objects.filter(kind__in=[notices.REVIEW_DUE, notices.REVIEW_OVERDUE]).count()
        - before
    )


# --- The daily checklist (Appendix 26) ---------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItemInput:
    text: str
    stage: str = ""


def _items_error(count: int) -> ApplicationError:
    if count > CHECKLIST_MAX_ITEMS:
        message = RULE_MAX_ITEMS % {"max": CHECKLIST_MAX_ITEMS}
    else:
        message = _("Укажите хотя бы один пункт контрольного листа.")
    return ApplicationError(message, {"items": message})


@transaction.atomic
def checklist_create(
    *,
    actor: AnyUser,
    agency: Agency,
    time_of_use: datetime.time,
    items: Sequence[ChecklistItemInput],
    duration_minutes: int = CHECKLIST_MAX_MINUTES,
) -> DailyChecklist:
    """Post the agency's daily checklist: a new version (draft until the head approves it)."""
    check_permission(
        permissions.can_edit(actor, agency.pk),
        _("Контрольный лист разрабатывает 5S-команда."),
    )
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    items = [item for item in items if item.text.strip()]
    errors: dict[str, str] = {}
    if not rules.checklist_items_ok(len(items)):
        raise _items_error(len(items))
    if not rules.checklist_duration_ok(duration_minutes):
        errors["duration_minutes"] = _(
            "Контрольный лист применяется не более %(max)d минут (пункт 8.2 Методических "
            "рекомендаций)."
        ) % {"max": CHECKLIST_MAX_MINUTES}
    for index, item in enumerate(items):
        if item.stage and item.stage not in FiveSStage.values:
            errors[f"items.{index}.stage"] = _("Неизвестный этап 5S.")
    if errors:
        raise ApplicationError(_("Контрольный лист не сохранён."), errors)
    last = DailyChecklist.objects.filter(agency=agency).aggregate(last=Max("version"))["last"]
    checklist = DailyChecklist(
        agency=agency,
        version=(last or 0) + 1,
        time_of_use=time_of_use,
        duration_minutes=duration_minutes,
        created_by=actor if actor.is_authenticated else None,
    )
    full_clean_or_raise(checklist, message=_("Контрольный лист не сохранён."))
    checklist.save()
    rows = [
        DailyChecklistItem(checklist=checklist, order=i, stage=item.stage, text=item.text.strip())
        for i, item in enumerate(items, start=1)
    ]
    for row in rows:
        full_clean_or_raise(row, message=_("Контрольный лист не сохранён."), exclude=["checklist"])
    DailyChecklistItem.objects.bulk_create(rows)
    return checklist


@transaction.atomic
def checklist_approve(
    *, actor: AnyUser, checklist: DailyChecklist, today: datetime.date | None = None
) -> DailyChecklist:
    """The head approves the form (L1139); the latest approved version is the current one."""
    check_permission(
        permissions.can_approve(actor, checklist.agency),
        _("Контрольный лист утверждает руководитель ОИВ ЯО или СППО."),
    )
    checklist = (
        DailyChecklist.objects.select_for_update().select_related("agency").get(pk=checklist.pk)
    )
    if checklist.status != ChecklistStatus.DRAFT:
        raise ConflictError(_("Контрольный лист уже утверждён."), {"status": checklist.status})
    on_behalf = permissions.acts_on_behalf(actor, checklist.agency, as_head=True)
    checklist.status = ChecklistStatus.APPROVED
    checklist.approved_by = checklist.agency.head if on_behalf else person_of(actor)
    checklist.approved_on = today or calendar.today()
    checklist.save(update_fields=["status", "approved_by", "approved_on"])
    return checklist
