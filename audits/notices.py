"""The notices the audit rules require, as kinds of core.notifications (one row per kind,
record, recipient and due date, sent once through the outbox):

- `audits.notice` — §5.5 of the Regulation on the working group: the agency's head (and its
  5S-team leader, who must be present) learn the audit's date when it is planned or moved;
- `audits.reminder` — §5.5 «при приближении сроков»: the same people, on the last working day
  before the audit;
- `audits.final_sheet_copy` — §4.10: the signed final sheet's copy goes to the 5S-team leader
  «для сведения и подготовки плана корректирующих мероприятий» (and to the agency's head);
- `audits.plan_copy` — §9.3: the approved corrective-action plan's copy goes to the working
  group's head;
- `audits.plan_approval` — Appendix 30, «УТВЕРЖДАЮ» (L5023–L5027): the 5S-team leader sends the
  drafted plan to its approver, the agency's head or, for a СППО, the curating deputy governor.

The texts are rebuilt when a notice is sent (in Russian, as the regulation's own documents) from
the record as it then stands. Reads only: nothing here writes.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits import scoring
from core.models import Notice
from core.notifications import NoticeText

NOTICE = "audits.notice"
REMINDER = "audits.reminder"
FINAL_SHEET_COPY = "audits.final_sheet_copy"
PLAN_COPY = "audits.plan_copy"
PLAN_APPROVAL = "audits.plan_approval"

LABELS = {
    NOTICE: gettext_lazy("Уведомление о внешнем аудите"),
    REMINDER: gettext_lazy("Напоминание о внешнем аудите"),
    FINAL_SHEET_COPY: gettext_lazy("Копия итогового оценочного листа"),
    PLAN_COPY: gettext_lazy("Копия плана корректирующих мероприятий"),
    PLAN_APPROVAL: gettext_lazy("План корректирующих мероприятий на утверждение"),
}


def recipients_of_audit(audit) -> list:
    """§5.5: the head of the agency; the 5S-team leader must be present, so is told too.
    People without an account are skipped by core.notifications."""
    people = [audit.agency.head] if audit.agency.head_id else []
    people += [team.leader for team in audit.agency.teams.select_related("leader__user")]
    return [person for person in people if person is not None]


def _when(audit) -> str:
    when = audit.date.strftime("%d.%m.%Y")
    if audit.time:
        when += " " + audit.time.strftime("%H:%M")
    return when


def render_audit_notice(notice: Notice) -> NoticeText:
    audit: Any = notice.subject
    when = _when(audit)
    return NoticeText(
        subject=_("Внешний аудит %(agency)s: %(when)s")
        % {"agency": audit.agency.short_name, "when": when},
        body=_(
            "Уведомляем о проведении рабочей группой внешнего аудита состояния рабочего "
            "пространства в %(agency)s: %(when)s. Оцениваемые шаги: %(steps)s. При проведении "
            "аудита присутствует лидер 5S-команды."
        )
        % {
            "agency": audit.agency.full_name,
            "when": when,
            "steps": ", ".join(audit.completed_step_names()),
        },
        url=audit.get_absolute_url(),
    )


def render_final_sheet_copy(notice: Notice) -> NoticeText:
    audit: Any = notice.subject
    return NoticeText(
        subject=_("Итоговый оценочный лист: %(audit)s") % {"audit": audit},
        body=_(
            "Итоговый оценочный лист состояния рабочего пространства по итогам внешнего аудита "
            "от %(date)s подписан руководителем рабочей группы и размещён на портале. Общая "
            "оценка: %(overall)s."
        )
        % {
            "date": audit.date.strftime("%d.%m.%Y"),
            "overall": scoring.display_str(audit.final_sheet.overall),
        },
        url=audit.get_absolute_url() + "final/",
    )


def render_plan_copy(notice: Notice) -> NoticeText:
    plan: Any = notice.subject
    return NoticeText(
        subject=_("План корректирующих мероприятий: %(agency)s")
        % {"agency": plan.audit.agency.short_name},
        body=_(
            "Копия утверждённого плана предупреждающих и корректирующих мероприятий по итогам "
            "внешнего аудита от %(date)s."
        )
        % {"date": plan.audit.date.strftime("%d.%m.%Y")},
        url=plan.get_absolute_url(),
    )


def render_plan_approval(notice: Notice) -> NoticeText:
    plan: Any = notice.subject
    return NoticeText(
        subject=_("План мероприятий на утверждение: %(agency)s")
        % {"agency": plan.audit.agency.short_name},
        body=_(
            "Лидер 5S-команды направил на утверждение план предупреждающих и корректирующих "
            "мероприятий по итогам внешнего аудита от %(date)s (приложение 30). Откройте план, "
            "чтобы утвердить его или распечатать для подписи."
        )
        % {"date": plan.audit.date.strftime("%d.%m.%Y")},
        url=plan.get_absolute_url(),
    )


RENDERERS = {
    NOTICE: render_audit_notice,
    REMINDER: render_audit_notice,
    FINAL_SHEET_COPY: render_final_sheet_copy,
    PLAN_COPY: render_plan_copy,
    PLAN_APPROVAL: render_plan_approval,
}


def register() -> None:
    """From AuditsConfig.ready()."""
    from core import notifications

    for kind, render in RENDERERS.items():
        notifications.register_kind(kind, label=LABELS[kind], render=render)
