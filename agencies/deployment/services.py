"""Writes of the deployment order (§4.4, Appendix 5) and plan (§4.8, Appendix 10). Pages, the
API, the admin and the reminder task all call these."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.deployment import permissions, rules
from agencies.deployment.choices import (
    REAPPROVAL_NOTICE_DAYS,
    REMIND_WORKING_DAYS_BEFORE,
    TEMPLATE_PATH,
    PlanStatus,
)
from agencies.deployment.models import (
    DeploymentOrder,
    DeploymentPlan,
    PlanActivity,
    PlanTemplateActivity,
)
from agencies.deployment.notices import ORDER_COPY_DUE, PLAN_COPIES_DUE, TEAM_REAPPROVAL_DUE
from agencies.models import Agency, FiveSTeam, Person
from core import calendar, i18n, notifications
from core.exceptions import ApplicationError, ConflictError, GridError
from core.services import check_permission, full_clean_or_raise, update_from

# What a client may change of an activity (PATCH .../activities/{id}/, the grid's cells).
ACTIVITY_FIELDS = (
    "executor",
    "responsible",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
)
# Once approved, the plan's periods are fixed; what was done is still recorded.
ACTIVITY_FIELDS_AFTER_APPROVAL = ("actual_start", "actual_end")
ORDER_FIELDS = (
    "team",
    "number",
    "date",
    "issuer",
    "deployment_start",
    "personal_control",
    "team_regulation",
    "diagnosis_start",
    "diagnosis_end",
    "diagnosis_responsible",
    "indicators_start",
    "indicators_end",
    "indicators_responsible",
    "plan_approval_due",
    "plan_developer",
    "camera_procedure",
    "board_responsible",
    "preparation_activities",
    "copy_sent_on",
    "team_approved_on",
)
SCAN_MAX_BYTES = 20 * 1024 * 1024
SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}
SCAN_SIGNATURES = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG")


# --- the template --------------------------------------------------------------------------------


def template_load(*, path: str | Path | None = None) -> int:
    """Load the regulation's activity tables from the fixture (idempotent); returns the rows."""
    source = Path(path) if path else Path(settings.BASE_DIR) / TEMPLATE_PATH
    data = json.loads(source.read_text(encoding="utf-8"))
    english = i18n.english_texts(source)  # plan_template.en.json (issue 17 item 10)
    count = 0
    with transaction.atomic():
        for row in data["activities"]:
            PlanTemplateActivity.objects.update_or_create(
                section=row["section"],
                number=row["number"],
                defaults={
                    "step": row["step"],
                    "title": row["title"],
                    "title_en": i18n.english_of(english, row["title"]),
                    "max_weeks": row["max_weeks"],
                    "max_days": row["max_days"],
                    "period_group": row["period_group"],
                    "executor": row["executor"],
                    "note": row["note"],
                    "source_line": row.get("line"),
                },
            )
            count += 1
    return count


# --- helpers -------------------------------------------------------------------------------


def _team_of(agency: Agency) -> FiveSTeam | None:
    return (
        FiveSTeam.objects.filter(agencies=agency).select_related("leader").order_by("-pk").first()
    )


def _leader_of(agency: Agency, team: FiveSTeam | None) -> Person | None:
    team = team or _team_of(agency)
    return team.leader if team is not None else None


def _check_dates(start: datetime.date | None, end: datetime.date | None, field: str) -> None:
    if start is not None and end is not None and end < start:
        message = _("Окончание раньше начала.")
        raise ApplicationError(message, details={field: message})


# --- the plan -------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor: Any, agency: Agency, year: int, starts_on: datetime.date | None = None
) -> DeploymentPlan:
    """A new plan for the agency and plan year, filled from the template (§4.1…§9.1); one per
    agency and year (a second: 400 naming the year).

    For a joint team of several СППО of one curator (§4.3, L411, L413) the plan is one per team
    and year (Appendix 10, L3637): a second for any of its СППО is refused (400 naming the year
    and the team). Two simultaneous creates for two СППО of the team are serialised by a lock on
    the team's row (SELECT … FOR UPDATE): the second waits, then sees the first's plan."""
    check_permission(
        permissions.can_edit(actor, agency),
        _("План развёртывания составляют лидер и члены 5S-команды ОИВ ЯО или СППО."),
    )
    duplicate = _("План развёртывания этого ОИВ ЯО / СППО на %(year)s год уже есть.") % {
        "year": year
    }
    team = _team_of(agency)
    if team is not None:
        # Lock the team first: a joint team's СППО make their plans one after the other.
        team = (
            FiveSTeam.objects.select_for_update(of=("self",))
            .select_related("leader")
            .get(pk=team.pk)
        )
        team_agency_ids = list(team.agencies.values_list("pk", flat=True))
        if len(team_agency_ids) > 1 and (
            DeploymentPlan.objects.filter(year=year)
            .filter(Q(team=team) | Q(agency_id__in=team_agency_ids))
            .exists()
        ):
            joint = _(
                "Совместный план развёртывания на %(year)s год уже есть: %(team)s (один план "
                "на команду нескольких СППО, пункт 4.3)."
            ) % {"team": team.caption, "year": year}
            raise ApplicationError(joint, details={"year": joint})
    if DeploymentPlan.objects.filter(agency=agency, year=year).exists():
        raise ApplicationError(duplicate, details={"year": duplicate})
    if not PlanTemplateActivity.objects.exists():
        template_load()
    plan = DeploymentPlan(
        agency=agency,
        team=team,
        year=year,
        starts_on=starts_on or datetime.date(year, 1, 1),
        order=DeploymentOrder.objects.filter(agency=agency).order_by("-date", "-pk").first(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    full_clean_or_raise(plan, exclude=["agency", "team", "order"], validate_unique=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # made at the same moment by another request
        raise ApplicationError(duplicate, details={"year": duplicate}) from None
    responsible = team.leader.full_name if team is not None else ""
    PlanActivity.objects.bulk_create(
        [
            PlanActivity(
                plan=plan,
                section=row.section,
                number=row.number,
                step=row.step,
                title=row.title,
                max_weeks=row.max_weeks,
                max_days=row.max_days,
                period_group=row.period_group,
                executor=row.executor,
                responsible=responsible,
            )
            for row in PlanTemplateActivity.objects.order_by("section", "number")
        ]
    )
    return plan


def _activity_apply(plan: DeploymentPlan, activity: PlanActivity, data: dict) -> list[str]:
    allowed = ACTIVITY_FIELDS_AFTER_APPROVAL if plan.is_approved else ACTIVITY_FIELDS
    refused = [name for name in ACTIVITY_FIELDS if name in data and name not in allowed]
    refused = [name for name in refused if data[name] != getattr(activity, name)]
    if refused:
        message = _("План утверждён: меняются только фактические сроки.")
        raise ApplicationError(message, details=dict.fromkeys(refused, message))
    changed = update_from(activity, data, allowed)
    _check_dates(activity.planned_start, activity.planned_end, "planned_end")
    _check_dates(activity.actual_start, activity.actual_end, "actual_end")
    full_clean_or_raise(activity, validate_unique=False)
    return changed


@transaction.atomic
def activity_update(*, actor: Any, activity: PlanActivity, data: dict) -> PlanActivity:
    """Change an activity's dates and people. Dates past its maximum are saved (the grid marks
    them); approval refuses them."""
    plan = (
        DeploymentPlan.objects.select_for_update().select_related("agency").get(pk=activity.plan_id)
    )
    check_permission(
        permissions.can_edit_plan(actor, plan),
        _("План развёртывания изменяют лидер и члены 5S-команды."),
    )
    changed = _activity_apply(plan, activity, data)
    if changed:
        activity.save(update_fields=changed)
    return activity


@transaction.atomic
def activities_update(
    *, actor: Any, plan: DeploymentPlan, rows: list[tuple[PlanActivity, dict]]
) -> int:
    """The plan's grid saved at once: a bad row refuses all (GridError, nothing saved)."""
    plan = DeploymentPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    check_permission(
        permissions.can_edit_plan(actor, plan),
        _("План развёртывания изменяют лидер и члены 5S-команды."),
    )
    errors: dict[int, dict[str, str]] = {}
    saved = []
    for index, (activity, data) in enumerate(rows):
        if activity.plan_id != plan.pk:
            raise ApplicationError(_("Мероприятие другого плана."))
        try:
            changed = _activity_apply(plan, activity, data)
        except ApplicationError as error:
            errors[index] = {name: str(text) for name, text in error.details.items()}
            continue
        if changed:
            saved.append((activity, changed))
    if errors:
        raise GridError(_("План не сохранён: исправьте отмеченные ячейки."), errors)
    for activity, changed in saved:
        activity.save(update_fields=changed)
    return len(saved)


@transaction.atomic
def plan_approve(
    *, actor: Any, plan: DeploymentPlan, approved_on: datetime.date | None = None
) -> DeploymentPlan:
    """Approve the plan (§4.8, L555): by the head of an ОИВ ЯО, for a СППО by the curating
    deputy governor, or an administrator on their behalf. Refused (400) while an activity lacks
    its planned dates or exceeds its maximum, naming each; an approval more than a month after
    the order (L431) is allowed and recorded as late; copies are due within 3 working days."""
    # Lock the plan's row only: the curator and team are outer joins (PostgreSQL refuses FOR
    # UPDATE on their nullable side).
    plan = (
        DeploymentPlan.objects.select_for_update(of=("self",))
        .select_related("agency", "agency__curator", "team__leader")
        .get(pk=plan.pk)
    )
    check_permission(
        permissions.can_approve(actor, plan.agency),
        _(
            "План утверждает руководитель ОИВ ЯО, в СППО — заместитель Губернатора области, "
            "курирующий СППО (пункт 4.8)."
        ),
    )
    if plan.is_approved:
        raise ConflictError(_("План развёртывания уже утверждён."))
    today = calendar.today()
    approved_on = approved_on or today
    if approved_on > today:
        message = _("Дата утверждения не может быть позже сегодняшней.")
        raise ApplicationError(message, details={"approved_on": message})
    activities = list(plan.activities.order_by("section", "number"))
    errors = rules.approval_errors([activity.as_dates() for activity in activities])
    if errors:
        raise ApplicationError(
            _(
                "План не может быть утверждён: сроки мероприятий не должны превышать сроков, "
                "установленных в Методических рекомендациях (пункт 4.8). Мероприятий с "
                "нарушением: %(count)s."
            )
            % {"count": len(errors)},
            details={str(key): messages for key, messages in errors.items()},
        )
    order = (
        DeploymentOrder.objects.filter(agency=plan.agency, date__lte=approved_on)
        .order_by("-date", "-pk")
        .first()
    )
    plan.status = PlanStatus.APPROVED
    plan.approved_on = approved_on
    plan.approved_by = actor
    plan.approver = plan.agency.plan_approver
    plan.on_behalf = not permissions.is_approver(actor, plan.agency)
    plan.order = order
    plan.approval_late = rules.approval_is_late(order.date if order else None, approved_on)
    plan.save()
    leader = _leader_of(plan.agency, plan.team)
    if leader is not None and plan.copies_due is not None:
        notifications.notify(
            kind=PLAN_COPIES_DUE, subject=plan, recipients=[leader], due_on=plan.copies_due
        )
    return plan


@transaction.atomic
def plan_copies_sent(*, actor: Any, plan: DeploymentPlan, sent_on: datetime.date) -> DeploymentPlan:
    check_permission(
        permissions.can_edit_plan(actor, plan),
        _("Отметку о направлении копий ставит лидер 5S-команды."),
    )
    if not plan.is_approved:
        raise ConflictError(_("План ещё не утверждён."))
    plan.copies_sent_on = sent_on
    plan.save(update_fields=["copies_sent_on"])
    return plan


# --- the order ------------------------------------------------------------------------------------


def _order_validate(order: DeploymentOrder) -> None:
    details: dict[str, str] = {}
    deadline = rules.plan_approval_deadline(order.date)
    if order.plan_approval_due > deadline or order.plan_approval_due < order.date:
        details["plan_approval_due"] = _(
            "Срок утверждения плана — не более 1 месяца с даты издания приказа (пункт 4.4): "
            "с %(date)s по %(deadline)s."
        ) % {"date": order.date.strftime("%d.%m.%Y"), "deadline": deadline.strftime("%d.%m.%Y")}
    for start, end, field in (
        (order.diagnosis_start, order.diagnosis_end, "diagnosis_end"),
        (order.indicators_start, order.indicators_end, "indicators_end"),
    ):
        if start is not None and end is not None and end < start:
            details[field] = _("Окончание раньше начала.")
    people = [
        order.issuer,
        order.diagnosis_responsible,
        order.indicators_responsible,
        order.plan_developer,
        order.board_responsible,
    ]
    if order.team is not None and not order.team.agencies.filter(pk=order.agency_id).exists():
        details["team"] = _("5S-команда другого ОИВ ЯО / СППО.")
    for name, person in zip(
        (
            "issuer",
            "diagnosis_responsible",
            "indicators_responsible",
            "plan_developer",
            "board_responsible",
        ),
        people,
        strict=True,
    ):
        if person is None or name == "issuer":
            continue
        if person.agency_id != order.agency_id and not (
            order.team is not None and order.team.memberships.filter(person=person).exists()
        ):
            details[name] = _("Сотрудник другого ОИВ ЯО / СППО.")
    if details:
        raise ApplicationError(_("Приказ не сохранён: проверьте поля."), details=details)


def _order_remind(order: DeploymentOrder) -> None:
    leader = _leader_of(order.agency, order.team)
    if leader is None:
        return
    if order.copy_sent_on is None:
        notifications.notify(
            kind=ORDER_COPY_DUE, subject=order, recipients=[leader], due_on=order.copy_due
        )


@transaction.atomic
def order_create(*, actor: Any, agency: Agency, data: dict) -> DeploymentOrder:
    """Record the deployment order the head (for a СППО the curating deputy governor, L439)
    issued; the leader is reminded of its paper copy (L441)."""
    check_permission(
        permissions.can_edit(actor, agency),
        _("Приказ о развёртывании вносят лидер и члены 5S-команды."),
    )
    order = DeploymentOrder(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
    update_from(order, data, ORDER_FIELDS)
    if order.date is not None and order.plan_approval_due is None:
        order.plan_approval_due = rules.plan_approval_deadline(order.date)
    if order.team is None:
        order.team = _team_of(agency)
    if order.issuer is None:
        order.issuer = agency.plan_approver
    if order.team_approved_on is None:
        order.team_approved_on = order.date
    full_clean_or_raise(order, exclude=["agency", "scan"])
    _order_validate(order)
    order.save()
    _order_remind(order)
    return order


@transaction.atomic
def order_update(*, actor: Any, order: DeploymentOrder, data: dict) -> DeploymentOrder:
    order = DeploymentOrder.objects.select_for_update().select_related("agency").get(pk=order.pk)
    check_permission(
        permissions.can_edit(actor, order.agency),
        _("Приказ о развёртывании изменяют лидер и члены 5S-команды."),
    )
    changed = update_from(order, data, ORDER_FIELDS)
    full_clean_or_raise(order, exclude=["agency", "scan"])
    _order_validate(order)
    if changed:
        order.save(update_fields=changed)
        _order_remind(order)
    return order


@transaction.atomic
def order_scan_attach(*, actor: Any, order: DeploymentOrder, file: UploadedFile) -> DeploymentOrder:
    """Attach the scanned order (PDF, JPEG or PNG), kept in the private storage."""
    check_permission(
        permissions.can_edit(actor, order.agency),
        _("Скан приказа прикладывают лидер и члены 5S-команды."),
    )
    head = file.read(8)
    file.seek(0)
    if (file.size or 0) > SCAN_MAX_BYTES or not head.startswith(SCAN_SIGNATURES):
        message = _("Скан приказа — файл PDF, JPEG или PNG не более 20 МБ.")
        raise ApplicationError(message, details={"scan": message})
    old = order.scan.name if order.scan else ""
    order.scan.save(Path(file.name or "order").name, file, save=False)
    order.save(update_fields=["scan"])
    if old and old != order.scan.name:
        transaction.on_commit(lambda: order.scan.storage.delete(old))
    return order


# --- reminders (beat) -----------------------------------------------------------------------------


def deployment_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the leaders of copies due (L441, L557) and of the team's yearly approval (L3205):
    from REMIND_WORKING_DAYS_BEFORE working days before the due date, and once overdue. Each
    notice is keyed by its due date, so a second run sends nothing new."""
    today = today or calendar.today()
    horizon = calendar.add_working_days(today, REMIND_WORKING_DAYS_BEFORE)
    sent = 0
    orders = DeploymentOrder.objects.select_related("agency", "team__leader")
    for order in orders.filter(copy_sent_on__isnull=True):
        if order.copy_due <= horizon:
            leader = _leader_of(order.agency, order.team)
            if leader is not None:
                sent += len(
                    notifications.notify(
                        kind=ORDER_COPY_DUE,
                        subject=order,
                        recipients=[leader],
                        due_on=order.copy_due,
                    )
                )
    latest: dict[int, DeploymentOrder] = {}
    for order in orders.order_by("agency_id", "-date", "-pk"):
        latest.setdefault(order.agency_id, order)
    reapproval_horizon = today + datetime.timedelta(days=REAPPROVAL_NOTICE_DAYS)
    for order in latest.values():
        if order.team_reapproval_due <= reapproval_horizon:
            leader = _leader_of(order.agency, order.team)
            recipients = [p for p in (leader, order.agency.plan_approver) if p is not None]
            sent += len(
                notifications.notify(
                    kind=TEAM_REAPPROVAL_DUE,
                    subject=order,
                    recipients=recipients,
                    due_on=order.team_reapproval_due,
                )
            )
    plans = DeploymentPlan.objects.filter(
        status=PlanStatus.APPROVED, copies_sent_on__isnull=True
    ).select_related("agency", "team__leader")
    for plan in plans:
        if plan.copies_due is not None and plan.copies_due <= horizon:
            leader = _leader_of(plan.agency, plan.team)
            if leader is not None:
                sent += len(
                    notifications.notify(
                        kind=PLAN_COPIES_DUE,
                        subject=plan,
                        recipients=[leader],
                        due_on=plan.copies_due,
                    )
                )
    return sent
