from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies import permissions, selectors, services
from agencies.choices import AgencyKind
from agencies.filters import AgencyFilter
from agencies.forms import PersonForm, RoomForm, TeamForm, WorkingGroupForm
from agencies.models import Agency, Person, Room, WorkingGroup
from core import evidence as core_evidence
from core.exceptions import ApplicationError
from core.views import selected_or_404


@login_required
def agency_list(request):
    # A hand-edited URL with a malformed filter shows the form's errors over the whole list.
    filter_form = AgencyFilter(request.GET, queryset=Agency.objects.none()).form
    agencies = selectors.agency_list(
        user=request.user,
        filters=request.GET if filter_form.is_valid() else None,
        team_count=True,
    )
    return render(
        request, "agencies/agency_list.html", {"agencies": agencies, "filter_form": filter_form}
    )


@login_required
def agency_detail(request, pk):
    agency = selected_or_404(selectors.agency_detail, user=request.user, pk=pk)
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "people": selectors.agency_people(agency=agency),
            "teams": agency.teams.all(),
            "can_create_team": permissions.can_create_team(request.user, agency),
            "can_manage_people": permissions.can_manage_people(request.user, agency),
        },
    )


@login_required
def agency_evidence(request, pk):
    """«Доказательства по критериям»: criterion by criterion, what records of the agency prove
    it and what is missing before the next audit (issue 16, item 3; core.evidence_map)."""
    agency = selected_or_404(selectors.agency_detail, user=request.user, pk=pk)
    rows = core_evidence.criteria_evidence(agency.pk, core_evidence.checklist_criteria())
    return render(
        request,
        "agencies/agency_evidence.html",
        {
            "agency": agency,
            "rows": rows,
            "missing": [row for row in rows if row.kinds and not row.count],
        },
    )


def _room_data(form):
    return {name: form.cleaned_data[name] for name in services.ROOM_FIELDS}


@login_required
def room_list(request, agency_pk):
    """The agency's rooms (§1.4.25, Appendix 7) with a form to add one."""
    agency = selected_or_404(selectors.agency_detail, user=request.user, pk=agency_pk)
    can_manage = permissions.can_manage_rooms(request.user, agency)
    form = RoomForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = _room_data(form)
            try:
                services.room_create(actor=request.user, agency=agency, **data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Помещение добавлено."))
                return redirect("agencies:rooms", agency_pk=agency.pk)
    return render(
        request,
        "agencies/room_list.html",
        {
            "agency": agency,
            "rooms": selectors.agency_rooms(agency=agency),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def room_edit(request, pk):
    room = selected_or_404(selectors.room_detail, user=request.user, pk=pk)
    if not permissions.can_manage_rooms(request.user, room.agency):
        raise PermissionDenied
    form = RoomForm(request.POST or None, instance=Room.objects.get(pk=room.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.room_update(actor=request.user, room=room, data=_room_data(form))
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Сведения о помещении сохранены."))
            return redirect("agencies:rooms", agency_pk=room.agency_id)
    return render(request, "agencies/room_form.html", {"form": form, "room": room})


def _team_candidates(agency):
    """An agency's own team, or for a subdivision the subdivisions of the same curator."""
    agencies = Agency.objects.filter(pk=agency.pk)
    if agency.kind == AgencyKind.APPARATUS_SUBDIVISION and agency.curator_id:
        agencies = Agency.objects.filter(
            Q(pk=agency.pk) | Q(kind=AgencyKind.APPARATUS_SUBDIVISION, curator_id=agency.curator_id)
        )
    people = selectors.candidate_people_for_team(agencies=agencies)
    return agencies.order_by("short_name"), people


def _composition(form):
    data = form.cleaned_data
    return services.TeamComposition(
        name=data["name"],
        agencies=list(data["agencies"]),
        leader=data["leader"],
        members=list(data["members"]),
        period_start=data["period_start"],
        period_end=data["period_end"],
        order_number=data["order_number"],
        order_date=data["order_date"],
        deployment_start=data["deployment_start"],
        storage_keeper=data["storage_keeper"],
    )


def _save_team(request, form, save):
    if form.is_valid():
        try:
            team, warnings = save(_composition(form))
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Состав 5S-команды сохранён."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(team)
    return None


@login_required
def team_create(request, agency_pk):
    agency = selected_or_404(selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_create_team(request.user, agency):
        raise PermissionDenied
    agencies, people = _team_candidates(agency)
    initial = {
        "agencies": [agency],
        "name": _("5S-команда: %(agency)s") % {"agency": agency.short_name},
    }
    form = TeamForm(request.POST or None, agencies=agencies, people=people, initial=initial)
    if request.method == "POST":
        response = _save_team(
            request,
            form,
            lambda composition: services.team_create(actor=request.user, composition=composition),
        )
        if response:
            return response
    return render(request, "agencies/team_form.html", {"form": form, "agency": agency})


@login_required
def team_detail(request, pk):
    team = selected_or_404(selectors.team_detail, user=request.user, pk=pk)
    return render(
        request,
        "agencies/team_detail.html",
        {"team": team, "can_manage": permissions.can_manage_team(request.user, team)},
    )


@login_required
def team_edit(request, pk):
    team = selected_or_404(selectors.team_detail, user=request.user, pk=pk)
    if not permissions.can_manage_team(request.user, team):
        raise PermissionDenied
    team_agencies = list(team.agencies.all())
    agencies, people = _team_candidates(team_agencies[0])
    initial = {
        "name": team.name,
        "agencies": team_agencies,
        "leader": team.leader,
        "members": [m.person for m in team.memberships.all() if m.person_id != team.leader_id],
        "storage_keeper": team.storage_keeper,
        "period_start": team.period_start,
        "period_end": team.period_end,
        "order_number": team.order_number,
        "order_date": team.order_date,
        "deployment_start": team.deployment_start,
    }
    form = TeamForm(request.POST or None, agencies=agencies, people=people, initial=initial)
    if request.method == "POST":
        response = _save_team(
            request,
            form,
            lambda composition: services.team_update(
                actor=request.user, team=team, composition=composition
            ),
        )
        if response:
            return response
    return render(request, "agencies/team_form.html", {"form": form, "team": team})


@login_required
def person_create(request, agency_pk):
    agency = selected_or_404(selectors.agency_detail, user=request.user, pk=agency_pk)
    return _person_form(request, Person(agency=agency), agency)


@login_required
def person_edit(request, pk):
    person = get_object_or_404(
        permissions.visible_people(request.user).select_related("agency"), pk=pk
    )
    return _person_form(request, person, person.agency)


def _person_form(request, person, agency):
    if not permissions.can_manage_people(request.user, agency):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_save(
                actor=request.user,
                person=person,
                data={**form.cleaned_data, "agency": agency},
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Сведения о сотруднике сохранены."))
            return redirect(agency)
    return render(
        request, "agencies/person_form.html", {"form": form, "agency": agency, "person": person}
    )


@login_required
def working_group(request):
    if not permissions.can_view_working_group(request.user):
        raise PermissionDenied
    return render(
        request,
        "agencies/working_group.html",
        {
            "group": selectors.working_group_current(),
            "can_manage": permissions.can_manage_working_group(request.user),
        },
    )


@login_required
def working_group_edit(request):
    if not permissions.can_manage_working_group(request.user):
        raise PermissionDenied
    group = selectors.working_group_current()
    people = Person.objects.select_related("agency").order_by("agency__short_name", "full_name")
    initial = {"name": _("Рабочая группа по проведению мониторинга развёртывания системы 5S")}
    if group is not None:
        initial = {
            "name": group.name,
            "head": group.head,
            "members": [m.person for m in group.memberships.all()],
        }
    form = WorkingGroupForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = WorkingGroup.objects.get(pk=group.pk) if group else WorkingGroup()
        target.name = form.cleaned_data["name"]
        try:
            services.working_group_update(
                actor=request.user,
                group=target,
                head=form.cleaned_data["head"],
                members=list(form.cleaned_data["members"]),
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Состав рабочей группы сохранён."))
            return redirect("agencies:working-group")
    return render(request, "agencies/working_group_form.html", {"form": form, "group": group})
