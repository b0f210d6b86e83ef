"""What the pages of the standards app's sub-packages share: a list page, the agency a new
record is for, and the buttons that move a record on (approve, agree, sign)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from agencies.models import Agency
from agencies.permissions import reads_agency
from core.exceptions import ApplicationError
from core.views import filtered_rows, require_portal_role

PAGE_SIZE = 50


def list_page(request, selector, template, *, filter_form, rows_name="rows", extra=None):
    """A list page: the rows of `selector(user=..., filters_data=...)` narrowed by the query
    string (a malformed filter: no rows and the refusal above the list), PAGE_SIZE a page, in
    the context as `page` and `rows_name`, with `filter_form`, `filter_error` and `extra`."""
    require_portal_role(request)
    rows, error = filtered_rows(request, selector, filters_arg="filters_data")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        rows_name: page.object_list,
        "filter_form": filter_form,
        "filter_error": error,
    }
    return render(request, template, {**context, **(extra or {})})


def agency_to_create(request, *, can_edit) -> Agency:
    """The agency of `?agency=` (or the form's `agency`) a new record is for: 404 when it is
    malformed, unknown or not read by the user; 403 when `can_edit(user, agency_id)` refuses."""
    value = request.POST.get("agency") or request.GET.get("agency") or ""
    if not value.isdigit() or len(value) > 12:
        raise Http404
    agency = get_object_or_404(Agency, pk=int(value))
    if not reads_agency(request.user, agency.pk):
        raise Http404
    if not can_edit(request.user, agency.pk):
        raise PermissionDenied
    return agency


def run_action(request, service, success, /, **record) -> None:
    """A page's POST button that moves a record on: `service(actor=request.user, **record)`.
    A refusal (ApplicationError) becomes an error message, otherwise `success` is shown; the
    caller redirects back to the record."""
    try:
        service(actor=request.user, **record)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
