"""Writes of improvement proposals (§9.1 item 3, seed 003 L1429–1447; Appendix 36): an
employee submits one, the 5S team takes it through identify → analyse (a «5 почему» record,
L1403) → options → decide → standardise, with who does each stage and by when."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, FiveSTeam, Person
from agencies.people import person_of
from agencies.proposals import notices, outcomes, permissions, rules
from agencies.proposals.choices import FIVE_WHYS, OutcomeKind, ProposalState, Stage
from agencies.proposals.models import FiveWhy, Proposal, ProposalStep
from agencies.training import selectors as training_selectors
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise, update_from

RUN_DENIED = _(
    "Предложение по этапам ведёт 5S-команда этого ОИВ ЯО / СППО (пункт 9.3 методических "
    "рекомендаций, «Мероприятие 3») или администратор."
)
# What the team may write on a proposal as it works on it; `whys` is the «5 почему» grid.
CONTENT_FIELDS = (
    "root_cause",
    "options",
    "decision",
    "accepted",
    "outcome_kind",
    "outcome_reference",
)
MISSING_MESSAGES = {
    "whys": "Заполните хотя бы одну строку «5 почему» (пункт 9.2: вопрос «почему?» повторяют, "
    "пока не будет выявлена действительная причина).",
    "root_cause": "Укажите первопричину.",
    "options": "Укажите возможные варианты решения.",
    "decision": "Укажите выбранное решение и план его выполнения.",
    "accepted": "Укажите, принято ли предложение.",
    "outcome_kind": "Укажите, чем стало предложение: корректирующим мероприятием, 5S-стандартом "
    "или мероприятием плана.",
    "outcome_reference": "Укажите документ, в который вошло предложение (номер, пункт).",
}


def _leader_users(agency_id: int) -> list[Any]:
    return training_selectors.leader_users([agency_id]).get(agency_id, [])


def _team_leader(agency: Agency) -> Person | None:
    team = FiveSTeam.objects.filter(agencies=agency).select_related("leader").first()
    return team.leader if team is not None else None


@transaction.atomic
def proposal_submit(*, actor: Any, agency: Agency, what: str, where: str, problem: str) -> Proposal:
    """Any employee of the agency submits a proposal (L1435): what, where, the problem it
    solves. It enters «идентифицирует проблему» with the team leader responsible; the leader
    is told."""
    check_permission(
        permissions.can_submit(actor, agency.pk),
        _("Предложение может подать сотрудник этого ОИВ ЯО / СППО."),
    )
    author = person_of(actor)
    proposal = Proposal(
        agency=agency,
        author=author if author is not None and author.agency_id == agency.pk else None,
        submitted_by=actor,
        submitted_on=calendar.today(),
        what=(what or "").strip(),
        where=" ".join((where or "").split()),
        problem=(problem or "").strip(),
    )
    full_clean_or_raise(proposal, message=_("Предложение не подано: проверьте поля."))
    proposal.save()
    ProposalStep.objects.create(
        proposal=proposal, stage=Stage.IDENTIFY, responsible=_team_leader(agency)
    )
    notifications.notify(
        kind=notices.SUBMITTED, subject=proposal, recipients=_leader_users(agency.pk)
    )
    return proposal


def _open_for_update(proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_open:
        raise ConflictError(_("Работа над предложением завершена."))
    return proposal


@transaction.atomic
def proposal_plan_step(
    *,
    actor: Any,
    proposal: Proposal,
    stage: str,
    responsible: Person | None,
    due_on: datetime.date | None,
) -> ProposalStep:
    """Name who does a stage (the current one or a later one) and by when; the person is told,
    and reminded once the date has passed (`proposal_reminders_send`)."""
    check_permission(permissions.can_run(actor, proposal.agency_id), RUN_DENIED)
    proposal = _open_for_update(proposal)
    if stage not in Stage.values or rules.stage_number(stage) < rules.stage_number(proposal.stage):
        raise ApplicationError(
            _("Этап не назначен."), details={"stage": _("Этот этап уже пройден.")}
        )
    if responsible is not None and responsible.agency_id != proposal.agency_id:
        raise ApplicationError(
            _("Этап не назначен."),
            details={"responsible": _("Ответственный должен работать в этом ОИВ ЯО / СППО.")},
        )
    step, _created = ProposalStep.objects.get_or_create(proposal=proposal, stage=stage)
    step.responsible = responsible
    step.due_on = due_on
    step.save(update_fields=["responsible", "due_on"])
    if responsible is not None and due_on is not None:
        notifications.notify(
            kind=notices.STEP_ASSIGNED, subject=step, recipients=[responsible], due_on=due_on
        )
    return step


def _save_whys(proposal: Proposal, whys: Sequence[tuple[str, str]]) -> None:
    rows = [(q.strip(), a.strip()) for q, a in whys if q.strip() or a.strip()]
    if len(rows) > FIVE_WHYS:
        raise ApplicationError(
            _("Не более %(n)s строк «5 почему».") % {"n": FIVE_WHYS},
            details={"whys": _("Слишком много строк.")},
        )
    errors = {
        f"whys[{index}]": _("Заполните и вопрос, и ответ.")
        for index, (question, answer) in enumerate(rows)
        if not question or not answer
    }
    if errors:
        raise ApplicationError(_("Предложение не сохранено: проверьте поля."), details=errors)
    proposal.whys.all().delete()
    FiveWhy.objects.bulk_create(
        [
            FiveWhy(proposal=proposal, position=index + 1, question=q, answer=a)
            for index, (q, a) in enumerate(rows)
        ]
    )


@transaction.atomic
def proposal_update(
    *,
    actor: Any,
    proposal: Proposal,
    data: Mapping[str, Any],
    whys: Sequence[tuple[str, str]] | None = None,
) -> Proposal:
    """Write the team's work on a proposal: the «5 почему» record and root cause, the options,
    the decision, what it became (CONTENT_FIELDS). A closed proposal does not change (409)."""
    check_permission(permissions.can_run(actor, proposal.agency_id), RUN_DENIED)
    proposal = _open_for_update(proposal)
    data = {
        key: ("" if value is None and key != "accepted" else value) for key, value in data.items()
    }
    if data.get("outcome_kind") and data["outcome_kind"] not in OutcomeKind.values:
        raise ApplicationError(
            _("Предложение не сохранено: проверьте поля."),
            details={"outcome_kind": _("Выберите, чем стало предложение.")},
        )
    changed = update_from(proposal, data, CONTENT_FIELDS)
    if "outcome_id" in data or "outcome_kind" in changed:
        changed += _link_outcome(proposal, data.get("outcome_id") or None)
    full_clean_or_raise(proposal, message=_("Предложение не сохранено: проверьте поля."))
    if changed:
        proposal.save(update_fields=sorted(set(changed)))
    if whys is not None:
        _save_whys(proposal, whys)
    return proposal


def _link_outcome(proposal: Proposal, outcome_id: int | None) -> list[str]:
    """Point the proposal at the record it became (`outcomes`): a record of its own agency of
    the kind's registered model. Without an id the link is cleared and the free reference
    stays. Returns the fields changed."""
    if outcome_id is None:
        proposal.outcome_type = None
        proposal.outcome_id = None
        return ["outcome_type", "outcome_id"]
    target = outcomes.target_of(proposal.outcome_kind)
    if target is None:
        raise ApplicationError(
            _("Предложение не сохранено: проверьте поля."),
            details={
                "outcome_id": _(
                    "Для этого вида ссылка на запись портала не ведётся: укажите документ "
                    "в поле ссылки."
                )
            },
        )
    record = target.of_agency(proposal.agency_id).filter(pk=outcome_id).first()
    if record is None:
        raise ApplicationError(
            _("Предложение не сохранено: проверьте поля."),
            details={"outcome_id": _("Нет такой записи у этого ОИВ ЯО / СППО.")},
        )
    proposal.outcome_type = ContentType.objects.get_for_model(target.model)
    proposal.outcome_id = record.pk
    changed = ["outcome_type", "outcome_id"]
    if not proposal.outcome_reference.strip():
        proposal.outcome_reference = str(record)[:300]
        changed.append("outcome_reference")
    return changed


@transaction.atomic
def proposal_advance(
    *, actor: Any, proposal: Proposal, done_on: datetime.date | None = None
) -> Proposal:
    """Close the current stage and go on to the next (L1437–1445). A stage is closed only with
    its work written (`rules.missing_for_stage`); a decision not to accept the proposal ends it
    («отклонено»); closing «стандартизирует достигнутое» ends it as standardised."""
    check_permission(permissions.can_run(actor, proposal.agency_id), RUN_DENIED)
    proposal = _open_for_update(proposal)
    missing = rules.missing_for_stage(
        proposal.stage,
        whys=proposal.whys.count(),
        root_cause=proposal.root_cause,
        options=proposal.options,
        decision=proposal.decision,
        accepted=proposal.accepted,
        outcome_kind=proposal.outcome_kind,
        outcome_reference=proposal.outcome_reference,
    )
    if missing:
        raise ApplicationError(
            _("Этап «%(stage)s» не завершён: не заполнено.")
            % {"stage": proposal.get_stage_display()},
            details={name: _(MISSING_MESSAGES[name]) for name in missing},
        )
    done_on = done_on or calendar.today()
    step, _created = ProposalStep.objects.get_or_create(proposal=proposal, stage=proposal.stage)
    step.done_on = done_on
    step.done_by = actor
    step.save(update_fields=["done_on", "done_by"])
    following = rules.next_stage(proposal.stage)
    if proposal.stage == Stage.DECIDE and proposal.accepted is False:
        proposal.state = ProposalState.REJECTED
        proposal.closed_on = done_on
    elif following is None:
        proposal.state = ProposalState.STANDARDISED
        proposal.closed_on = done_on
    else:
        proposal.stage = following
        next_step, created = ProposalStep.objects.get_or_create(proposal=proposal, stage=following)
        if created or next_step.responsible_id is None:
            next_step.responsible_id = step.responsible_id
            next_step.save(update_fields=["responsible"])
    proposal.save(update_fields=["stage", "state", "closed_on"])
    if not proposal.is_open and proposal.author is not None:
        notifications.notify(kind=notices.CLOSED, subject=proposal, recipients=[proposal.author])
    return proposal


@transaction.atomic
def proposal_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the responsible person of a stage whose date has passed while the proposal is
    still at it (once per stage, person and date). The daily beat task calls this."""
    today = today or calendar.today()
    overdue = ProposalStep.objects.filter(
        proposal__state=ProposalState.OPEN,
        done_on__isnull=True,
        due_on__lt=today,
        responsible__user__isnull=False,
    ).select_related("proposal", "responsible__user")
    before = Notice.objects.filter(kind=notices.STEP_OVERDUE).count()
    for step in overdue:
        if step.stage != step.proposal.stage:
            continue
        notifications.notify(
            kind=notices.STEP_OVERDUE,
            subject=step,
            recipients=[step.responsible],
            due_on=step.due_on,
        )
    return Notice.objects.filter(kind=notices.STEP_OVERDUE).count() - before
