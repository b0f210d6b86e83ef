"""The final score sheet (Appendix 12, Regulation §5.6–5.7): collegial decisions on divergent
criteria and the head's signature."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import Person
from agencies.selectors import working_group_current
from audits import notices, scoring, selectors
from audits.choices import AuditStatus
from audits.models import Audit, Criterion, Decision, FinalScoreSheet, Vote
from audits.services.common import locked_audit
from audits.state.services import record_signed
from core import calendar, notifications
from core.exceptions import ApplicationError
from core.services import full_clean_or_raise


@transaction.atomic
def decision_record(*, actor, audit: Audit, criterion_code: str, votes: dict) -> Decision:
    """Record the collegial decision on a divergent criterion (§5.6): every auditor of this
    audit votes for a score; the majority wins; on a tie the group head's vote decides.
    `votes` maps person ids to scores."""
    audit = locked_audit(
        actor, audit, _("Коллегиальное решение вносит руководитель рабочей группы.")
    )
    data = selectors.final_sheet_data(audit)
    drafts = data.drafts
    if drafts:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "sheets": _(
                    "Коллегиальное решение принимается по сданным оценочным листам; не сданы: "
                    "%(names)s."
                )
                % {"names": ", ".join(drafts)}
            },
        )
    row = data.criteria.get(criterion_code)
    if row is None or not row.applicable:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "criterion": _("Критерий %(code)s не оценивается в этом аудите.")
                % {"code": criterion_code}
            },
        )
    if not row.divergent:
        raise ApplicationError(
            _("Решение не записано."),
            details={
                "criterion": _(
                    "По критерию %(code)s оценки членов рабочей группы расходятся не более чем на "
                    "1 балл: итоговая оценка — среднее арифметическое."
                )
                % {"code": criterion_code}
            },
        )
    try:
        votes = {int(person): score for person, score in votes.items()}
    except (TypeError, ValueError, AttributeError):
        raise ApplicationError(
            _("Решение не записано."),
            details={"votes": _("Голоса указываются по членам рабочей группы.")},
        ) from None
    group = working_group_current()
    head_id = group.head_id if group else None
    auditor_ids = {auditor.id for auditor in data.auditors}
    voters = auditor_ids | ({head_id} if head_id else set())
    errors = {}
    strangers = set(votes) - voters
    bad = [pid for pid, score in votes.items() if not scoring.is_valid_score(score)]
    missing = auditor_ids - set(votes)
    if strangers:
        errors["votes"] = _("Голосуют члены рабочей группы, проводившие аудит, и её руководитель.")
    elif bad:
        errors["votes"] = _("Голос — оценка целым числом от 1 до 5.")
    elif missing:
        names = [a.name for a in data.auditors if a.id in missing]
        errors["votes"] = _("Нет голосов: %(names)s.") % {"names": ", ".join(names)}
    if not errors:
        try:
            decided = scoring.collegial_decision(votes, head=head_id)
        except scoring.TieNotBroken:
            errors["votes"] = _(
                "Голоса разделились поровну: при равенстве голосов решающим является голос "
                "руководителя рабочей группы — укажите его."
            )
    if errors:
        raise ApplicationError(_("Решение не записано."), details=errors)
    criterion = Criterion.objects.get(version_id=audit.checklist_id, code=criterion_code)
    decision, _created = Decision.objects.update_or_create(
        final_sheet=audit.final_sheet,
        criterion=criterion,
        defaults={"score": decided, "recorded_by": actor},
    )
    decision.votes.all().delete()
    # The earlier votes leave the table but stay in the history (one «deleted» record each).
    bulk_create_with_history(
        [Vote(decision=decision, person_id=pid, score=score) for pid, score in votes.items()],
        Vote,
        default_user=actor,
    )
    return decision


@transaction.atomic
def final_sheet_finalise(*, actor, audit: Audit, today=None) -> FinalScoreSheet:
    """Sign the final sheet (§5.7): every sheet handed in, no divergent criterion undecided.
    Signing stamps the head's name and the date, publishes the sheet and sends its copy to
    the 5S-team leader (due within 5 working days of the audit, §4.10)."""
    original = audit
    # Lock, then read the state again: of simultaneous signings one signs, the others are
    # refused with 409 (issue 10: eight at once signed three times).
    audit = locked_audit(
        actor, audit, _("Подписать итоговый оценочный лист может руководитель рабочей группы.")
    )
    data = selectors.final_sheet_data(audit)
    errors = {}
    drafts = data.drafts
    if drafts:
        errors["sheets"] = _("Не сданы оценочные листы: %(names)s.") % {"names": ", ".join(drafts)}
    if data.undecided:
        errors["decisions"] = _(
            "Расхождение оценок более 1 балла без коллегиального решения по критериям: %(codes)s."
        ) % {"codes": ", ".join(data.undecided)}
    if data.it_missing_month:
        # §8.4 (L1337), Appendix 12 note (3): 4.3 comes from the IT department's data only.
        errors["it_standard"] = _(
            "Нет данных департамента информатизации и связи о соответствии рабочих мест "
            "ИТ-стандарту (критерий 4.3) за %(month)s или более ранний месяц: внесите их."
        ) % {"month": data.it_missing_month}
    if errors:
        raise ApplicationError(_("Итоговый оценочный лист не может быть подписан."), details=errors)
    group = working_group_current()
    head = group.head if group else Person.objects.filter(user=actor).first()
    sheet = audit.final_sheet
    sheet.finalised_at = timezone.now()
    sheet.signed_by = head
    sheet.signer_name = head.full_name if head else actor.get_full_name()
    sheet.signed_on = today or calendar.today()
    sheet.overall = scoring.stored(data.overall_exact)
    sheet.step_values = scoring.stored_step_values(data.completed_step_values)
    sheet.it_standard = data.it_standard or {}
    sheet.copy_sent_at = timezone.now()
    full_clean_or_raise(sheet)
    sheet.save()
    audit.status = original.status = AuditStatus.FINALISED
    audit.save(update_fields=["status"])
    # The region's state (the agency's latest signed audit, the month-end figures the summary
    # and the dashboard read) changes with the signature, in the same transaction.
    record_signed(audit=audit)
    # §4.10: the copy to the 5S-team leader and the agency's head, written with the signature
    # (copy_sent_at) and sent once through the outbox: a broker outage delays it, never loses
    # it, and signing does not fail because of it.
    notifications.notify(
        kind=notices.FINAL_SHEET_COPY,
        subject=audit,
        recipients=notices.recipients_of_audit(audit),
    )
    return sheet
