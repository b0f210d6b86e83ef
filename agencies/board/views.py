"""Pages of the information board (§4.9, L561–597; Appendix 11): the board of an agency with its
sections, its state (L583, L589), the updates and the employees' remarks; setting it up;
recording an update with a photo; leaving a remark; the printable poster (A3 or A1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.board import documents, permissions, selectors, services
from agencies.board.choices import LESSON_KEYS, PosterSize, lesson_field
from agencies.board.forms import BoardForm, BoardRemarkForm, BoardUpdateForm
from agencies.board.models import BoardUpdate
from agencies.models import Agency
from agencies.people import person_of
from agencies.permissions import readable_agency_or_404
from core import calendar
from core.documents import PDF_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.idempotency import idempotent_form
from core.views import require_portal_role


def _agency(request, agency_pk) -> Agency:
    require_portal_role(request)
    return readable_agency_or_404(request.user, get_object_or_404(Agency, pk=agency_pk))


def _page(request, agency, *, update_form=None, remark_form=None, status=200):
    user = request.user
    can_edit = permissions.can_edit(user, agency.pk)
    if update_form is None and can_edit:
        me = person_of(user)
        update_form = BoardUpdateForm(
            people=selectors.team_people(agency),
            initial={"date": calendar.today(), "person": me.pk if me else None},
        )
    can_remark = permissions.can_remark(user, agency.pk)
    if remark_form is None and can_remark:
        remark_form = BoardRemarkForm()
    return render(
        request,
        "agencies/board/board.html",
        {
            "agency": agency,
            "view": selectors.board_view(agency=agency, today=calendar.today()),
            "can_edit": can_edit,
            "can_remark": can_remark,
            "update_form": update_form,
            "remark_form": remark_form,
            "sizes": PosterSize.values,
        },
        status=status,
    )


@login_required
def overview(request):
    """Every board the user reads with its state (L583, L589): the working group and the
    governor's office see which agencies' boards are due or overdue."""
    require_portal_role(request)
    return render(
        request,
        "agencies/board/overview.html",
        {"rows": selectors.board_overview(user=request.user, today=calendar.today())},
    )


@login_required
def board(request, agency_pk):
    return _page(request, _agency(request, agency_pk))


@login_required
def board_edit(request, agency_pk):
    agency = _agency(request, agency_pk)
    if not permissions.can_edit(request.user, agency.pk):
        raise _denied()
    people = selectors.team_people(agency)
    current = selectors.board_of(agency)
    initial = (
        {
            "goal": current.goal,
            "place": current.place,
            "size": current.size,
            "collector": current.collector_id,
            "designer": current.designer_id,
            **{lesson_field(key): getattr(current, lesson_field(key)) for key in LESSON_KEYS},
        }
        if current
        else {}
    )
    form = BoardForm(initial=initial, people=people)
    status = 200
    if request.method == "POST":
        form = BoardForm(request.POST, people=people)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.board_save(
                    actor=request.user,
                    agency=agency,
                    goal=data["goal"],
                    place=data["place"],
                    size=data["size"],
                    collector=data["collector"],
                    designer=data["designer"],
                    lessons=form.lessons(),
                )
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Информационный стенд сохранён."))
                return redirect("agencies:board", agency.pk)
        status = 400
    return render(
        request,
        "agencies/board/form.html",
        {"agency": agency, "form": form, "board": current},
        status=status,
    )


def _denied():
    return PermissionDenied(_("Информационный стенд ведёт 5S-команда ОИВ ЯО / СППО."))


@login_required
@require_POST
@idempotent_form
def update_create(request, agency_pk):
    agency = _agency(request, agency_pk)
    if not permissions.can_edit(request.user, agency.pk):
        raise _denied()
    form = BoardUpdateForm(request.POST, request.FILES, people=selectors.team_people(agency))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.board_update_record(
                actor=request.user,
                agency=agency,
                date=data["date"],
                person=data["person"],
                note=data["note"],
                photo=data["photo"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Обновление стенда внесено."))
            return redirect("agencies:board", agency.pk)
    return _page(request, agency, update_form=form, status=400)


@login_required
@require_POST
@idempotent_form
def remark_create(request, agency_pk):
    agency = _agency(request, agency_pk)
    if not permissions.can_remark(request.user, agency.pk):
        raise _denied_remark()
    form = BoardRemarkForm(request.POST)
    if form.is_valid():
        try:
            services.board_remark_add(
                actor=request.user,
                agency=agency,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Спасибо: ваше предложение или замечание сохранено."))
            return redirect("agencies:board", agency.pk)
    return _page(request, agency, remark_form=form, status=400)


def _denied_remark():
    return PermissionDenied(
        _("Предложение или замечание по стенду оставляет сотрудник этого ОИВ ЯО / СППО.")
    )


@login_required
def poster(request, agency_pk):
    agency = _agency(request, agency_pk)
    size = request.GET.get("size", PosterSize.A3)
    if size not in PosterSize.values:
        size = PosterSize.A3
    view = selectors.board_view(agency=agency, today=calendar.today())
    return file_response(
        documents.poster_pdf(view, size),
        PDF_CONTENT_TYPE,
        documents.poster_filename(view, size),
        inline=True,
    )


@login_required
def update_photo(request, pk, kind):
    require_portal_role(request)
    update = get_object_or_404(BoardUpdate, pk=pk)
    if not permissions.can_view(request.user, update.agency_id):
        raise Http404
    field = update.thumbnail if kind == "thumbnail" else update.image
    content_type = "image/jpeg" if kind == "thumbnail" else update.content_type
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
