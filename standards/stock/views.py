"""Pages of the stock of material objects (§8.2 «Управление уровнем запасов материальных
объектов», L1211–1245; Appendix 27): places with their levels and counts, the levels and
counts grids, the order requests with their way to approval and the printable form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.idempotency import idempotent_form
from core.views import filtered_rows, require_portal_role
from standards.pages import agency_to_create, list_page, run_action
from standards.stock import documents, filters, permissions, selectors, services
from standards.stock.choices import RequestStatus
from standards.stock.forms import CountsForm, ItemFormSet, LineFormSet, PlaceForm


def _filter_form(filterset_class, request):
    return filterset_class(request.GET or None).form


@login_required
def place_list(request):
    return list_page(
        request,
        selectors.place_list,
        "standards/stock/place_list.html",
        rows_name="places",
        filter_form=_filter_form(filters.StockPlaceFilter, request),
        extra={"editable": permissions.editable_agencies(request.user)},
    )


@login_required
def place_list_xlsx(request):
    """The places of the list's filters with their levels and counts (section 1, L1229)."""
    require_portal_role(request)
    places, error = filtered_rows(request, selectors.place_list, filters_arg="filters_data")
    if error is not None:
        return HttpResponseBadRequest(str(error.message))
    return file_response(documents.levels_xlsx(places), XLSX_CONTENT_TYPE, "urovni-zapasov.xlsx")


@login_required
@idempotent_form
def place_create(request):
    require_portal_role(request)
    agency = agency_to_create(request, can_edit=permissions.can_edit)
    form = PlaceForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_create(actor=request.user, agency=agency, data=form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Место хранения добавлено."))
            return redirect("standards:stock-levels", place.pk)
    return render(request, "standards/stock/place_form.html", {"form": form, "agency": agency})


@login_required
def place_detail(request, pk):
    require_portal_role(request)
    place = selectors.place_detail(user=request.user, pk=pk)
    requests = selectors.request_list(user=request.user).filter(place=place)[:20]
    return render(
        request,
        "standards/stock/place_detail.html",
        {
            "place": place,
            "items": list(place.items.all()),
            "requests": requests,
            "can_edit": permissions.can_edit(request.user, place.agency_id),
            "can_keep": permissions.can_keep_stock(request.user, place),
        },
    )


@login_required
@idempotent_form
def place_levels(request, pk):
    """The levels grid (section 1 of the standard, L1229): the team names the objects and sets
    their minimum and maximum."""
    require_portal_role(request)
    place = selectors.place_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, place.agency_id):
        raise PermissionDenied
    items = {i.pk: i for i in place.items.all()}
    initial = [
        {
            "item_id": i.pk,
            "name": i.name,
            "unit": i.unit,
            "minimum": i.minimum,
            "maximum": i.maximum,
        }
        for i in items.values()
    ]
    formset = ItemFormSet(request.POST or None, initial=initial, prefix="items")
    if request.method == "POST" and formset.is_valid():
        rows, row_forms = [], []
        for form in formset:
            data = form.cleaned_data
            if not data or (not data.get("item_id") and not data.get("name")):
                continue
            item = items.get(data.get("item_id") or 0)
            rows.append(
                {
                    "item": item,
                    "name": data.get("name"),
                    "unit": data.get("unit") or "шт.",
                    "minimum": data.get("minimum"),
                    "maximum": data.get("maximum"),
                    "delete": bool(data.get("DELETE")),
                }
            )
            row_forms.append(form)
        try:
            services.items_save(actor=request.user, place=place, rows=rows)
        except ApplicationError as error:
            for key, text in error.details.items():
                index, _sep, field = key.partition(".")
                if index.isdigit() and int(index) < len(row_forms):
                    form = row_forms[int(index)]
                    form.add_error(field if field in form.fields else None, text)
            formset.non_form_errors().append(str(error.message))
        else:
            messages.success(request, _("Уровни запасов сохранены."))
            return redirect("standards:stock-place", place.pk)
    return render(request, "standards/stock/levels_form.html", {"place": place, "formset": formset})


@login_required
@idempotent_form
def place_counts(request, pk):
    """The counts grid: the team or the person responsible records what is in the place; an
    item at its minimum proposes a request (L1237)."""
    require_portal_role(request)
    place = selectors.place_detail(user=request.user, pk=pk)
    if not permissions.can_keep_stock(request.user, place):
        raise PermissionDenied
    form = CountsForm(
        request.POST or None, items=place.items.all(), initial={"counted_on": calendar.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposed = services.counts_record(
                actor=request.user,
                place=place,
                counts=form.counts(),
                counted_on=form.cleaned_data["counted_on"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            if proposed is not None:
                messages.warning(
                    request,
                    _("Запас достиг минимального уровня: предложена заявка № %(number)s.")
                    % {"number": proposed.number},
                )
                return redirect("standards:stock-request", proposed.pk)
            messages.success(request, _("Количество записано."))
            return redirect("standards:stock-place", place.pk)
    return render(request, "standards/stock/counts_form.html", {"place": place, "form": form})


@login_required
def request_list(request):
    return list_page(
        request,
        selectors.request_list,
        "standards/stock/request_list.html",
        rows_name="requests",
        filter_form=_filter_form(filters.OrderRequestFilter, request),
    )


@login_required
@idempotent_form
def request_detail(request, pk):
    """The request (Appendix 27): its lines are corrected while proposed, then it is submitted,
    approved by the head, printed and received."""
    require_portal_role(request)
    order = selectors.request_detail(user=request.user, pk=pk)
    lines = {line.pk: line for line in order.lines.all()}
    can_keep = permissions.can_keep_stock(request.user, order.place)
    editable = can_keep and order.status == RequestStatus.PROPOSED
    formset = None
    if editable:
        initial = [
            {"line_id": ln.pk, "quantity": ln.quantity, "note": ln.note} for ln in lines.values()
        ]
        formset = LineFormSet(
            request.POST if request.method == "POST" else None, initial=initial, prefix="lines"
        )
        if request.method == "POST" and formset.is_valid():
            rows = []
            for form in formset:
                line = lines.get(form.cleaned_data["line_id"])
                if line is None:
                    raise Http404
                rows.append(
                    {"line": line, **{k: form.cleaned_data[k] for k in ("quantity", "note")}}
                )
            try:
                services.request_update(actor=request.user, request=order, rows=rows)
                if "submit" in request.POST:
                    services.request_submit(actor=request.user, request=order)
            except ApplicationError as error:
                formset.non_form_errors().append(str(error.message))
                for text in error.details.values():
                    formset.non_form_errors().append(str(text))
            else:
                messages.success(
                    request,
                    _("Заявка передана руководителю на утверждение.")
                    if "submit" in request.POST
                    else _("Заявка сохранена."),
                )
                return redirect("standards:stock-request", order.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = []
    forms_by_line = {f.initial.get("line_id"): f for f in formset} if formset is not None else {}
    for line in lines.values():
        rows.append({"line": line, "form": forms_by_line.get(line.pk)})
    return render(
        request,
        "standards/stock/request_detail.html",
        {
            "order": order,
            "rows": rows,
            "formset": formset,
            "can_approve": order.status == RequestStatus.SUBMITTED
            and permissions.may_approve_for(request.user, order.agency),
            "can_receive": order.status == RequestStatus.APPROVED and can_keep,
        },
    )


def _state_action(request, pk, service, done):
    require_portal_role(request)
    order = selectors.request_detail(user=request.user, pk=pk)
    run_action(request, service, done, request=order)
    return redirect("standards:stock-request", order.pk)


@login_required
@require_POST
@idempotent_form
def request_approve(request, pk):
    return _state_action(request, pk, services.request_approve, _("Заявка утверждена."))


@login_required
@require_POST
@idempotent_form
def request_receive(request, pk):
    return _state_action(
        request, pk, services.request_receive, _("Получение материальных объектов отмечено.")
    )


@login_required
def request_pdf(request, pk):
    require_portal_role(request)
    order = selectors.request_detail(user=request.user, pk=pk)
    return file_response(
        documents.request_pdf(order),
        PDF_CONTENT_TYPE,
        documents.request_filename(order),
        inline=True,
    )
