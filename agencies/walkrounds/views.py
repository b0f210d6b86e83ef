"""Pages of the head's walk-rounds (§4.5, L461; criterion 5.7, L2855): the region's overview
with both statuses, an agency's walk-rounds with the form to record one, a record with the
head's confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency, Person
from agencies.walkrounds import permissions, selectors, services
from agencies.walkrounds.filters import WalkRoundFilter
from agencies.walkrounds.forms import ConfirmForm, WalkRoundForm
from core import calendar
from core.exceptions import ApplicationError


def _agency_param(request):
    raw = request.GET.get("agency", "")
    return int(raw) if raw.isdigit() else None


@login_required
def overview(request):
    if not permissions.can_view_section(request.user):
        raise PermissionDenied
    today = calendar.today()
    agency_id = _agency_param(request)
    rows = selectors.overview(user=request.user, today=today, agency_id=agency_id)
    return render(
        request,
        "agencies/walkrounds/overview.html",
        {
            "rows": rows,
            "today": today,
            "agencies": permissions.readable_agencies(request.user).order_by("short_name"),
            "selected": agency_id,
        },
    )


def _leaders(agency):
    return Person.objects.filter(led_teams__agencies=agency).distinct().order_by("full_name")


def _input(form) -> services.WalkRoundInput:
    data = form.cleaned_data
    return services.WalkRoundInput(
        date=data.get("date"),
        leader=data.get("leader"),
        looked_at=data.get("looked_at", ""),
        remarks=data.get("remarks", ""),
        aspects=list(data.get("aspects") or []),
        curator_invited=bool(data.get("curator_invited")),
        curator_took_part=bool(data.get("curator_took_part")),
    )


@login_required
def agency_walk_rounds(request, agency_pk):
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not permissions.can_view_agency(request.user, agency.pk):
        raise PermissionDenied
    can_record = permissions.can_record(request.user, agency)
    leaders = _leaders(agency)
    form = WalkRoundForm(leaders=leaders, initial={"date": calendar.today()})
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = WalkRoundForm(request.POST, leaders=leaders)
        if form.is_valid():
            try:
                walk_round = services.walk_round_create(
                    actor=request.user, agency=agency, data=_input(form)
                )
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Обход рабочих мест внесён."))
                return redirect(walk_round.get_absolute_url())
        status = 400
    filters = request.GET.copy()
    filters["agency"] = str(agency.pk)
    filterset = WalkRoundFilter(filters)
    today = calendar.today()
    row = selectors.overview(user=request.user, today=today, agency_id=agency.pk)
    return render(
        request,
        "agencies/walkrounds/agency.html",
        {
            "agency": agency,
            "row": row[0] if row else None,
            "walk_rounds": selectors.walk_round_list(user=request.user, filters=filters),
            "filter_form": filterset.form,
            "form": form,
            "can_record": can_record,
        },
        status=status,
    )


def _visible(request, pk):
    walk_round = selectors.walk_round_detail(user=request.user, pk=pk)
    if walk_round is None:
        if not permissions.can_view_section(request.user):
            raise PermissionDenied
        raise Http404
    return walk_round


@login_required
def detail(request, pk):
    walk_round = _visible(request, pk)
    return render(
        request,
        "agencies/walkrounds/detail.html",
        {
            "walk_round": walk_round,
            "can_edit": not walk_round.is_confirmed
            and permissions.can_record(request.user, walk_round.agency),
            "can_confirm": not walk_round.is_confirmed
            and permissions.can_confirm(request.user, walk_round.agency),
            "confirm_form": ConfirmForm(initial={"confirmed_on": calendar.today()}),
        },
    )


@login_required
def edit(request, pk):
    walk_round = _visible(request, pk)
    if not permissions.can_record(request.user, walk_round.agency):
        raise PermissionDenied
    leaders = _leaders(walk_round.agency)
    initial = {
        "date": walk_round.date,
        "leader": walk_round.leader_id,
        "curator_invited": walk_round.curator_id is not None,
        "curator_took_part": walk_round.curator_took_part,
        "aspects": walk_round.aspects,
        "looked_at": walk_round.looked_at,
        "remarks": walk_round.remarks,
    }
    form = WalkRoundForm(initial=initial, leaders=leaders)
    status = 200
    if request.method == "POST":
        form = WalkRoundForm(request.POST, leaders=leaders)
        if form.is_valid():
            try:
                services.walk_round_update(
                    actor=request.user, walk_round=walk_round, data=_input(form)
                )
            except ApplicationError as error:
                form.add_application_error(error)
                status = 409 if walk_round.is_confirmed else 400
            else:
                messages.success(request, _("Запись об обходе исправлена."))
                return redirect(walk_round.get_absolute_url())
        else:
            status = 400
    return render(
        request,
        "agencies/walkrounds/form.html",
        {"walk_round": walk_round, "agency": walk_round.agency, "form": form},
        status=status,
    )


@login_required
@require_POST
def confirm(request, pk):
    walk_round = _visible(request, pk)
    if not permissions.can_confirm(request.user, walk_round.agency):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.walk_round_confirm(
                actor=request.user,
                walk_round=walk_round,
                confirmed_on=form.cleaned_data.get("confirmed_on"),
            )
        except ApplicationError as error:
            messages.error(
                request, str(error.message) + " " + " ".join(map(str, error.details.values()))
            )
        else:
            messages.success(request, _("Обход подтверждён."))
    return redirect(walk_round.get_absolute_url())
