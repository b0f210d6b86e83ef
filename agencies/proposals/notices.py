"""The notices of improvement proposals, sent through `core.notifications` (kinds registered in
`AgenciesConfig.ready()` from KINDS):

- `agencies.proposal_submitted`: the team leader learns of a new proposal (L1435);
- `agencies.proposal_step_assigned`: a person is named for a stage with a date;
- `agencies.proposal_step_overdue`: the stage's date has passed and the proposal is still at it;
- `agencies.proposal_closed`: the author learns that the work on their proposal has ended.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.proposals.models import Proposal, ProposalStep
from core.models import Notice
from core.notifications import NoticeText

SUBMITTED = "agencies.proposal_submitted"
STEP_ASSIGNED = "agencies.proposal_step_assigned"
STEP_OVERDUE = "agencies.proposal_step_overdue"
CLOSED = "agencies.proposal_closed"


def render_submitted(notice: Notice) -> NoticeText:
    proposal = notice.subject
    assert isinstance(proposal, Proposal)
    return NoticeText(
        subject=_("Новое предложение по улучшению: %(agency)s") % {"agency": proposal.agency},
        body=_("Что предлагается: %(what)s\nГде: %(where)s\nКакую проблему решает: %(problem)s")
        % {"what": proposal.what, "where": proposal.where, "problem": proposal.problem},
        url=proposal.get_absolute_url(),
    )


def _step_text(notice: Notice, state: str) -> NoticeText:
    step = notice.subject
    assert isinstance(step, ProposalStep) and notice.due_on is not None
    return NoticeText(
        subject=_("Предложение № %(number)s, этап «%(stage)s»: %(state)s, срок %(due)s")
        % {
            "number": step.proposal_id,
            "stage": step.get_stage_display(),
            "state": state,
            "due": notice.due_on.strftime("%d.%m.%Y"),
        },
        body=_("Вы отвечаете за этап «%(stage)s» предложения по улучшению «%(what)s».")
        % {"stage": step.get_stage_display(), "what": step.proposal.what},
        url=step.proposal.get_absolute_url(),
    )


def render_step_assigned(notice: Notice) -> NoticeText:
    return _step_text(notice, _("назначен"))


def render_step_overdue(notice: Notice) -> NoticeText:
    return _step_text(notice, _("просрочен"))


def render_closed(notice: Notice) -> NoticeText:
    proposal = notice.subject
    assert isinstance(proposal, Proposal)
    return NoticeText(
        subject=_("Предложение № %(number)s: %(state)s")
        % {"number": proposal.pk, "state": proposal.get_state_display()},
        body=_("Работа над вашим предложением «%(what)s» завершена: %(state)s.")
        % {"what": proposal.what, "state": proposal.get_state_display()},
        url=proposal.get_absolute_url(),
    )


KINDS = [
    (SUBMITTED, gettext_lazy("Новое предложение по улучшению"), render_submitted),
    (STEP_ASSIGNED, gettext_lazy("Назначен этап предложения"), render_step_assigned),
    (STEP_OVERDUE, gettext_lazy("Просрочен этап предложения"), render_step_overdue),
    (CLOSED, gettext_lazy("Работа над предложением завершена"), render_closed),
]
