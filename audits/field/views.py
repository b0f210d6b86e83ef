"""Pages of the field score sheet (issue 17, item 1): the sheet, handing it in, and the
service worker that keeps the page on the device."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audits import permissions, services
from audits.field import selectors
from audits.views import _sheet_or_404
from core.exceptions import ApplicationError

# The cache the service worker and the page share; a new name when what is cached changes.
CACHE_NAME = "fives-field-v1"


@login_required
def field_sheet(request, pk, person_id):
    """One card per criterion with large 1–5 buttons; the sheet's data travels in the page
    (json_script) so that the page, once opened, works without a connection."""
    sheet = _sheet_or_404(request, pk, person_id)
    data = selectors.field_sheet_data(sheet)
    scorable = [row for row in data["criteria"] if row["applicable"]]
    return render(
        request,
        "audits/field_sheet.html",
        {
            "sheet": sheet,
            "audit": sheet.audit,
            "data": data,
            "rows": data["criteria"],
            "scored": sum(1 for row in scorable if row["score"]),
            "total": len(scorable),
            "can_edit": permissions.can_edit_sheet(request.user, sheet),
            "can_withdraw": permissions.can_withdraw_sheet(request.user, sheet),
            "scores": (1, 2, 3, 4, 5),
            "cache_name": CACHE_NAME,
        },
    )


@login_required
@require_POST
def field_submit(request, pk, person_id):
    """«Сдать лист» from the field page: the answers are already on the server."""
    sheet = _sheet_or_404(request, pk, person_id)
    try:
        services.sheet_submit(actor=request.user, sheet=sheet)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("audits:field-sheet", pk, person_id)
    messages.success(request, _("Оценочный лист сдан руководителю рабочей группы."))
    return redirect(sheet.audit)


@require_GET
def service_worker(request):
    """The field sheet's service worker, served from /audits/ so that its scope covers the
    field pages (a script under /static/ could only control /static/). Not cached by the
    browser's HTTP cache: a new portal version replaces it at once."""
    response = HttpResponse(
        render_to_string("audits/field_sw.js", {"cache_name": CACHE_NAME}),
        content_type="application/javascript",
    )
    response["Service-Worker-Allowed"] = "/audits/"
    response["Cache-Control"] = "no-cache"
    return response
