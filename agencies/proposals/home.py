"""What proposals put on the home pages: the stages a person is responsible for (due and
overdue), and for the team the proposals waiting at their first stage."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.people import person_of
from agencies.proposals.choices import ProposalState
from agencies.proposals.models import ProposalStep
from core import calendar
from core.registry import HomePanel


def panels(user):
    person = person_of(user)
    if person is None:
        return []
    today = calendar.today()
    steps = [
        step
        for step in ProposalStep.objects.filter(
            responsible=person, done_on__isnull=True, proposal__state=ProposalState.OPEN
        )
        .select_related("proposal")
        .order_by("due_on", "pk")
        if step.stage == step.proposal.stage
    ]
    items = [
        {
            "text": _("Предложение № %(number)s: %(stage)s")
            % {"number": step.proposal_id, "stage": step.get_stage_display()},
            "url": step.proposal.get_absolute_url(),
            "due": step.due_on,
            "overdue": step.due_on is not None and step.due_on < today,
        }
        for step in steps
    ]
    if not items:
        return []
    return [
        HomePanel(
            title=_("Предложения по улучшению"),
            url=reverse("agencies:proposals-board", args=[person.agency_id]),
            items=items,
            order=46,
        )
    ]
