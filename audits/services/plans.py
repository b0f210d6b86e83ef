"""Corrective-action plans (Appendix 30, §9.3): drafted from the signed final sheet by the
5S-team leader, approved by the agency's head, its copy sent to the working group."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.selectors import working_group_current
from audits import notices, permissions, selectors
from audits.choices import ACTION_TEXT_MAX_LENGTH, PLAN_COPY_WORKING_DAYS, PlanStatus
from audits.models import Audit, CorrectiveAction, CorrectiveActionPlan
from audits.services.common import refresh
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.services import check_permission, full_clean_or_raise
from core.validators import past_date_error, plan_date_error


@transaction.atomic
def plan_create(*, actor, audit: Audit) -> CorrectiveActionPlan:
    """Draft the plan from the signed final sheet: one row per remark (Appendix 30, note 2:
    the remark is worded as in the final sheet)."""
    check_permission(
        permissions.can_create_plan(actor, audit),
        _("План мероприятий разрабатывает лидер 5S-команды по подписанному итоговому листу."),
    )
    # One plan per audit: the audit's row is locked so simultaneous requests (six at once made
    # two server errors, issue 10) take turns; the second finds the first's plan.
    audit = Audit.objects.select_for_update().select_related("agency").get(pk=audit.pk)
    if CorrectiveActionPlan.objects.filter(audit=audit).exists():
        raise ConflictError(_("План мероприятий по этому аудиту уже создан."))
    try:
        with transaction.atomic():
            plan = CorrectiveActionPlan.objects.create(audit=audit, created_by=actor)
    except IntegrityError:
        raise ConflictError(_("План мероприятий по этому аудиту уже создан.")) from None
    rows = []
    numbers: dict[int, int] = {}
    for row in selectors.final_sheet_data(audit).criteria.values():
        if not row.applicable or not row.remarks:
            continue
        step = row.step
        numbers[step] = numbers.get(step, 0) + 1
        rows.append(
            CorrectiveAction(
                plan=plan,
                step=step,
                number=numbers[step],
                criterion_code=row.code,
                remark="\n".join(row.remarks),
            )
        )
    bulk_create_with_history(rows, CorrectiveAction, default_user=actor)
    return plan


ACTION_FIELDS = ("step", "remark", "cause", "action", "planned_date", "executor")


@transaction.atomic
def plan_save(*, actor, plan: CorrectiveActionPlan, rows: list[dict]) -> CorrectiveActionPlan:
    """Save the plan's rows. `rows` are dicts with an `id` (None for a new row) and the
    Appendix 30 columns; `delete: True` drops a draft row. After approval only the actual
    dates may change (note 4: filled in by the leader when the action is done)."""
    check_permission(
        permissions.can_edit_plan(actor, plan),
        _("План мероприятий ведёт лидер 5S-команды."),
    )
    # Read the state after locking: a plan approved meanwhile keeps its rows.
    plan.status = (
        CorrectiveActionPlan.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=plan.pk)
    )
    actions = {a.pk: a for a in plan.actions.all()}
    errors = {}
    to_save, to_delete = [], []
    for index, row in enumerate(rows):
        action = actions.get(row["id"]) if row.get("id") else None
        if row.get("id") and action is None:
            errors[f"rows.{index}"] = _("Строка плана не найдена.")
            continue
        if plan.is_approved:
            if action is None or row.get("delete"):
                errors[f"rows.{index}"] = _(
                    "План утверждён: можно вносить только фактические даты."
                )
                continue
            changed = [f for f in ACTION_FIELDS if f in row and row[f] != getattr(action, f)]
            if changed:
                errors[f"rows.{index}"] = _(
                    "План утверждён: можно вносить только фактические даты."
                )
                continue
        if row.get("delete"):
            if action is not None:
                to_delete.append(action)
            continue
        if action is None:
            action = CorrectiveAction(plan=plan, number=0)
        planned_before = action.planned_date if action.pk else None
        for name in (*ACTION_FIELDS, "actual_date"):
            if name in row:
                setattr(
                    action,
                    name,
                    row[name] if row[name] is not None or name.endswith("date") else "",
                )
        if not action.remark:
            errors[f"rows.{index}"] = _("Укажите содержание замечания.")
            continue
        # The audit-date rule applies to dates being set now: a kept row is not refused for it.
        new_date = action.pk is None or action.planned_date != planned_before
        problem = _action_row_error(action, plan.audit.date if new_date else None)
        if problem:
            errors[f"rows.{index}"] = problem
            continue
        to_save.append(action)
    if errors:
        raise ApplicationError(_("План мероприятий не сохранён."), details=errors)
    for action in to_delete:
        action.delete()
    _renumber(plan, to_save)
    return plan


def _action_row_error(action: CorrectiveAction, audit_date=None) -> str | None:
    """Plausible values of an Appendix 30 row: dates within core.validators' bounds (the actual
    date has happened; the planned one is at most two years ahead, and not before the audit the
    plan answers — an action planned for 2020 cannot remedy a remark of 2026; issue 17 item 5),
    texts of bounded length."""
    if action.actual_date and action.actual_date > calendar.today():
        return _("Фактическая дата выполнения не может быть в будущем.")
    if action.planned_date and audit_date and action.planned_date < audit_date:
        return _(
            "Плановая дата выполнения не может быть раньше даты аудита (%(date)s), по итогам "
            "которого разработан план."
        ) % {"date": audit_date.strftime("%d.%m.%Y")}
    for label, message in (
        (_("Фактическая дата выполнения"), past_date_error(action.actual_date)),
        (_("Плановая дата выполнения"), plan_date_error(action.planned_date)),
    ):
        if message:
            return f"{label}: {message}"
    for name in ("remark", "cause", "action"):
        if len(getattr(action, name) or "") > ACTION_TEXT_MAX_LENGTH:
            return _("Текст длиннее %(max)s символов.") % {"max": ACTION_TEXT_MAX_LENGTH}
    return None


def _renumber(plan, to_save):
    kept = [a for a in plan.actions.all() if a.pk not in {s.pk for s in to_save}]
    everything = sorted(kept + to_save, key=lambda a: (a.step or 0, a.number or 999, a.pk or 10**9))
    counters: dict[int, int] = {}
    for action in everything:
        counters[action.step] = counters.get(action.step, 0) + 1
        action.number = counters[action.step]
        full_clean_or_raise(action)
        action.save()


@transaction.atomic
def plan_approve(*, actor, plan: CorrectiveActionPlan, approved_on=None) -> CorrectiveActionPlan:
    """Approval by the head of an ОИВ ЯО or, for a СППО, the curating deputy governor (Appendix
    30, «УТВЕРЖДАЮ», L5027). An administrator may record it on their behalf; the plan then says
    so. The copy is due to the working
    group within 3 working days of approval (§9.3)."""
    check_permission(
        permissions.may_approve_plans_of(actor, plan),
        _("План утверждает руководитель ОИВ ЯО или заместитель Губернатора, курирующий СППО."),
    )
    original = plan
    plan = (
        CorrectiveActionPlan.objects.select_for_update(of=("self",))
        .select_related("audit__agency")
        .get(pk=plan.pk)
    )
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(_("План мероприятий уже утверждён."))
    incomplete = _incomplete_rows(plan)
    if incomplete:
        raise ApplicationError(
            _(
                "План не утверждён: заполните причину, мероприятие, плановую дату и исполнителя в "
                "строках %(rows)s."
            )
            % {"rows": ", ".join(incomplete)},
            details={"rows": _("Не заполнены строки %(rows)s.") % {"rows": ", ".join(incomplete)}},
        )
    approved_on = approved_on or calendar.today()
    plan.status = PlanStatus.APPROVED
    plan.approver = plan.agency.plan_approver
    plan.approved_by = actor
    plan.approved_on = approved_on
    plan.approved_on_behalf = permissions.approves_on_behalf(actor, plan)
    plan.copy_due = calendar.add_working_days(approved_on, PLAN_COPY_WORKING_DAYS)
    full_clean_or_raise(plan)
    plan.save()
    refresh(original, plan)
    return plan


def _incomplete_rows(plan: CorrectiveActionPlan) -> list[str]:
    return [
        f"{a.step}.{a.number}"
        for a in plan.actions.all()
        if not (a.cause and a.action and a.planned_date and a.executor)
    ]


@transaction.atomic
def plan_send_for_approval(*, actor, plan: CorrectiveActionPlan) -> CorrectiveActionPlan:
    """The leader sends the finished draft to its approver (Appendix 30, «УТВЕРЖДАЮ»,
    L5023–L5027: the head of an ОИВ ЯО or the deputy governor curating a СППО), who is told
    through core.notifications. Every row must be complete, as for approval; sending again
    after a change records the new time and tells nobody twice."""
    check_permission(
        permissions.can_edit_plan(actor, plan),
        _("План мероприятий на утверждение направляет лидер 5S-команды."),
    )
    original = plan
    plan = (
        CorrectiveActionPlan.objects.select_for_update(of=("self",))
        .select_related("audit__agency__head", "audit__agency__curator__person")
        .get(pk=plan.pk)
    )
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(_("План мероприятий уже утверждён."))
    incomplete = _incomplete_rows(plan)
    if incomplete:
        raise ApplicationError(
            _(
                "План не направлен: заполните причину, мероприятие, плановую дату и исполнителя "
                "в строках %(rows)s."
            )
            % {"rows": ", ".join(incomplete)},
            details={"rows": _("Не заполнены строки %(rows)s.") % {"rows": ", ".join(incomplete)}},
        )
    approver = plan.agency.plan_approver
    if approver is None:
        raise ApplicationError(
            _(
                "План не направлен: не указан утверждающий — руководитель ОИВ ЯО или заместитель "
                "Губернатора, курирующий СППО."
            ),
            details={"approver": _("Утверждающий не указан в карточке ОИВ ЯО / СППО.")},
        )
    plan.sent_for_approval_at = timezone.now()
    plan.sent_for_approval_by = actor
    plan.save(update_fields=["sent_for_approval_at", "sent_for_approval_by"])
    notifications.notify(kind=notices.PLAN_APPROVAL, subject=plan, recipients=[approver])
    refresh(original, plan)
    return plan


@transaction.atomic
def plan_send_copy(*, actor, plan: CorrectiveActionPlan) -> CorrectiveActionPlan:
    """The leader sends the approved plan's copy to the working group (§9.3)."""
    check_permission(
        permissions.can_send_plan_copy(actor, plan),
        _("Копию утверждённого плана направляет лидер 5S-команды."),
    )
    original = plan
    plan = (
        CorrectiveActionPlan.objects.select_for_update(of=("self",))
        .select_related("audit__agency")
        .get(pk=plan.pk)
    )
    if plan.copy_sent_at is None:
        plan.copy_sent_at = timezone.now()
        plan.save(update_fields=["copy_sent_at"])
        group = working_group_current()
        notifications.notify(
            kind=notices.PLAN_COPY,
            subject=plan,
            recipients=[group.head] if group and group.head_id else [],
        )
    refresh(original, plan)
    return plan
