"""Pages of improvement proposals: counts per agency (the region's view), an agency's board
with a column per stage, submitting a proposal, and one proposal with the team's work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies import selectors as agency_selectors
from agencies.models import Person
from agencies.proposals import permissions, selectors, services
from agencies.proposals.choices import STAGE_ORDER, ProposalState, Stage
from agencies.proposals.filters import ProposalFilter
from agencies.proposals.forms import PlanForm, ProposalForm, StageWorkForm, WhyFormSet
from agencies.proposals.models import Proposal
from agencies.proposals.rules import stage_number
from core.exceptions import ApplicationError
from core.views import selected_or_404


@login_required
def region(request):
    if not agency_selectors.agency_list(user=request.user).exists():
        raise PermissionDenied
    return render(
        request,
        "agencies/proposals/region.html",
        {
            "rows": selectors.region_counts(user=request.user),
            "stages": STAGE_ORDER,
            "submittable": permissions.submittable_agencies(request.user),
        },
    )


@login_required
def board(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    filter_form = ProposalFilter(request.GET, queryset=Proposal.objects.none()).form
    filters = request.GET.dict() if filter_form.is_valid() else None
    return render(
        request,
        "agencies/proposals/board.html",
        {
            "agency": agency,
            "filter_form": filter_form,
            "columns": selectors.board(user=request.user, agency=agency, filters=filters),
            "can_submit": permissions.can_submit(request.user, agency.pk),
        },
    )


@login_required
def proposal_create(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_submit(request.user, agency.pk):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                actor=request.user, agency=agency, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Предложение подано. Спасибо!"))
            return redirect(proposal)
    return render(
        request, "agencies/proposals/proposal_form.html", {"agency": agency, "form": form}
    )


def _whys_initial(proposal):
    return [{"question": why.question, "answer": why.answer} for why in proposal.whys.all()]


@login_required
def proposal_detail(request, pk):
    proposal = selected_or_404(selectors.proposal_detail, user=request.user, pk=pk)
    can_run = proposal.is_open and permissions.can_run(request.user, proposal.agency_id)
    action = next((key for key in ("save", "advance", "plan") if key in request.POST), None)
    if request.method == "POST" and (not can_run or action is None):
        raise PermissionDenied
    people = Person.objects.filter(agency_id=proposal.agency_id).order_by("full_name")
    current = next((s for s in proposal.steps.all() if s.stage == proposal.stage), None)
    work_form = whys = plan_form = None
    if can_run:
        posted_work = request.POST if action in ("save", "advance") else None
        work_form = StageWorkForm(
            posted_work,
            stage=proposal.stage,
            targets=(
                selectors.outcome_choices(agency_id=proposal.agency_id)
                if proposal.stage == Stage.STANDARDISE
                else ()
            ),
            initial={
                "root_cause": proposal.root_cause,
                "options": proposal.options,
                "decision": proposal.decision,
                "accepted": {True: "yes", False: "no"}.get(proposal.accepted, ""),
                "outcome_kind": proposal.outcome_kind,
                "outcome_reference": proposal.outcome_reference,
                "outcome_target": (
                    f"{proposal.outcome_kind}:{proposal.outcome_id}" if proposal.outcome_id else ""
                ),
            },
        )
        if proposal.stage == Stage.ANALYSE:
            whys = WhyFormSet(posted_work, prefix="whys", initial=_whys_initial(proposal))
        plan_form = PlanForm(
            request.POST if action == "plan" else None,
            people=people,
            initial={
                "responsible": current.responsible_id if current else None,
                "due_on": current.due_on if current else None,
            },
        )
    if action in ("save", "advance") and work_form is not None:
        if work_form.is_valid() and (whys is None or whys.is_valid()):
            try:
                with transaction.atomic():
                    services.proposal_update(
                        actor=request.user,
                        proposal=proposal,
                        data=work_form.data_for_service(),
                        whys=(
                            [
                                (
                                    f.cleaned_data.get("question", ""),
                                    f.cleaned_data.get("answer", ""),
                                )
                                for f in whys
                            ]
                            if whys is not None
                            else None
                        ),
                    )
                    if action == "advance":
                        services.proposal_advance(actor=request.user, proposal=proposal)
            except ApplicationError as error:
                work_form.add_application_error(error)
            else:
                messages.success(
                    request, _("Этап завершён.") if action == "advance" else _("Сохранено.")
                )
                return redirect(proposal)
    elif action == "plan" and plan_form is not None and plan_form.is_valid():
        try:
            services.proposal_plan_step(
                actor=request.user,
                proposal=proposal,
                stage=proposal.stage,
                responsible=plan_form.cleaned_data["responsible"],
                due_on=plan_form.cleaned_data["due_on"],
            )
        except ApplicationError as error:
            plan_form.add_application_error(error)
        else:
            messages.success(request, _("Ответственный и срок этапа сохранены."))
            return redirect(proposal)
    steps = {step.stage: step for step in proposal.steps.all()}
    return render(
        request,
        "agencies/proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "stages": [
                {
                    "stage": stage,
                    "number": stage_number(stage),
                    "step": steps.get(stage.value),
                    "current": proposal.is_open and proposal.stage == stage,
                }
                for stage in STAGE_ORDER
            ],
            "can_run": can_run,
            "work_form": work_form,
            "whys": whys,
            "plan_form": plan_form,
            "closed_states": ProposalState,
        },
    )
