"""Pages of training (§9.2): the region's coverage, an agency's training (coverage, programmes,
sessions with filters), the programme with its grid of topics, recording a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies import selectors as agency_selectors
from agencies.models import Person
from agencies.training import permissions, selectors, services
from agencies.training.choices import BENCHMARK_LABEL, COVERAGE_TARGET, LENINGRAD_BENCHMARK
from agencies.training.filters import SessionFilter
from agencies.training.forms import (
    ApproveForm,
    ProgrammeForm,
    SessionForm,
    TopicFormSet,
    add_grid_error,
)
from agencies.training.models import TrainingSession
from core import calendar
from core.exceptions import ApplicationError
from core.views import selected_or_404


def _benchmark():
    return {"target": COVERAGE_TARGET, "benchmark": LENINGRAD_BENCHMARK, "label": BENCHMARK_LABEL}


@login_required
def region(request):
    """Coverage of every agency the user may see, and the total (L1355: target 100 %)."""
    if not agency_selectors.agency_list(user=request.user).exists():
        raise PermissionDenied
    coverage = selectors.region_coverage(user=request.user)
    return render(
        request,
        "agencies/training/region.html",
        {"coverage": coverage, **_benchmark()},
    )


def _agency_people(agency):
    return Person.objects.filter(agency=agency).order_by("full_name")


@login_required
def agency_training(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    filter_form = SessionFilter(request.GET, queryset=TrainingSession.objects.none()).form
    filters = (
        {**request.GET.dict(), "agency": str(agency.pk)}
        if filter_form.is_valid()
        else {"agency": str(agency.pk)}
    )
    return render(
        request,
        "agencies/training/agency.html",
        {
            "agency": agency,
            "coverage": selectors.agency_coverage(agency=agency),
            "programmes": selectors.programme_list(
                user=request.user, filters={"agency": agency.pk}
            ),
            "sessions": selectors.session_list(user=request.user, filters=filters),
            "filter_form": filter_form,
            "can_edit": permissions.can_edit_training(request.user, agency.pk),
            **_benchmark(),
        },
    )


@login_required
def programme_create(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_edit_training(request.user, agency.pk):
        raise PermissionDenied
    form = ProgrammeForm(
        request.POST or None,
        people=_agency_people(agency),
        initial={"year": calendar.today().year},
    )
    formset = TopicFormSet(request.POST or None, prefix="topics")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user,
                agency=agency,
                year=form.cleaned_data["year"],
                hr_person=form.cleaned_data["hr_person"],
                topics=formset.rows(),
            )
        except ApplicationError as error:
            if isinstance(error, services.GridError):
                add_grid_error(formset, formset.filled(), error)
            else:
                form.add_application_error(error)
        else:
            messages.success(request, _("Программа обучения сохранена."))
            return redirect(programme)
    return render(
        request,
        "agencies/training/programme_form.html",
        {"agency": agency, "form": form, "formset": formset},
    )


@login_required
def programme_detail(request, pk):
    programme = selected_or_404(selectors.programme_detail, user=request.user, pk=pk)
    agency = programme.agency
    can_edit = not programme.is_approved and permissions.can_edit_training(request.user, agency.pk)
    can_approve = not programme.is_approved and permissions.can_approve_programme(
        request.user, agency
    )
    topics = list(programme.topics.all())
    form = formset = approve_form = None
    if can_edit:
        form = ProgrammeForm(
            request.POST if "save" in request.POST else None,
            people=_agency_people(agency),
            year_fixed=True,
            initial={"hr_person": programme.hr_person},
        )
        formset = TopicFormSet(
            request.POST if "save" in request.POST else None,
            prefix="topics",
            initial=[
                {"title": t.title, "target_group": t.target_group, "planned_on": t.planned_on}
                for t in topics
            ],
        )
    if can_approve:
        approve_form = ApproveForm(
            request.POST if "approve" in request.POST else None,
            initial={"approved_on": calendar.today()},
        )
    if request.method == "POST":
        if "save" in request.POST:
            if form is None or formset is None:
                raise PermissionDenied
            if form.is_valid() and formset.is_valid():
                try:
                    services.programme_update(
                        actor=request.user,
                        programme=programme,
                        topics=formset.rows(),
                        hr_person=form.cleaned_data["hr_person"],
                    )
                except ApplicationError as error:
                    if isinstance(error, services.GridError):
                        add_grid_error(formset, formset.filled(), error)
                    else:
                        form.add_application_error(error)
                else:
                    messages.success(request, _("Программа обучения сохранена."))
                    return redirect(programme)
        elif "approve" in request.POST:
            if approve_form is None:
                raise PermissionDenied
            if approve_form.is_valid():
                try:
                    services.programme_approve(
                        actor=request.user,
                        programme=programme,
                        approved_on=approve_form.cleaned_data["approved_on"],
                    )
                except ApplicationError as error:
                    approve_form.add_application_error(error)
                else:
                    messages.success(request, _("Программа обучения утверждена."))
                    return redirect(programme)
        else:
            raise PermissionDenied
    return render(
        request,
        "agencies/training/programme_detail.html",
        {
            "programme": programme,
            "agency": agency,
            "topics": topics,
            "form": form,
            "formset": formset,
            "approve_form": approve_form,
        },
    )


@login_required
def session_create(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_edit_training(request.user, agency.pk):
        raise PermissionDenied
    form = SessionForm(
        request.POST or None,
        people=_agency_people(agency),
        initial={"date": calendar.today(), "duration_hours": "1"},
    )
    if request.method == "POST" and form.is_valid():
        data = services.SessionInput(
            agency=agency,
            date=form.cleaned_data["date"],
            topic=form.cleaned_data["topic"],
            duration_hours=form.cleaned_data["duration_hours"],
            attendees=list(form.cleaned_data["attendees"]),
            trainer=form.cleaned_data["trainer"],
            target_group=form.cleaned_data["target_group"],
        )
        try:
            session = services.session_record(actor=request.user, data=data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request,
                _("Занятие внесено.")
                if session.in_programme
                else _("Занятие внесено; его темы нет в утверждённой программе обучения."),
            )
            for warning in data.warnings:
                messages.warning(request, warning)
            return redirect("agencies:training-agency", agency_pk=agency.pk)
    topics = selectors.approved_topics(agency_id=agency.pk, year=calendar.today().year)
    return render(
        request,
        "agencies/training/session_form.html",
        {"agency": agency, "form": form, "topics": topics},
    )
