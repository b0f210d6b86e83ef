"""The region's pages: dashboard, summary report (Appendix 13), findings, generated documents
with their progress, and the «ДИАрама» knowledge base."""

from hashlib import sha256
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.permissions import visible_agencies
from audits.choices import STEP_NUMBERS
from audits.models import Audit
from audits.state.selectors import state_version
from core import calendar
from core.cache import get_or_make
from core.exceptions import ApplicationError
from core.periods import add_months, format_month
from core.permissions import roles_of
from core.views import selected_or_404
from reports import charts, permissions, selectors, services
from reports.choices import (
    DASHBOARD_CACHE_SECONDS,
    DASHBOARD_PAGE_SIZE,
    DashboardSort,
    DocumentStatus,
)
from reports.forms import KnowledgeBaseFilter, OrderForm
from reports.periods import month_label, month_short, parse_month

PAGE_SIZE = 50
LAST_STEP = STEP_NUMBERS[-1]


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _month_from(request, default):
    raw = request.GET.get("month")
    if not raw:
        return default, None
    try:
        return parse_month(raw), None
    except ApplicationError as exc:
        return default, str(exc.message)


def _dashboard_query(request):
    """The dashboard's filter (steps completed, 0–5), order and page from the query string;
    anything malformed is ignored (the whole region, by rank, page 1)."""
    steps = request.GET.get("steps", "")
    steps = int(steps) if steps.isdigit() and int(steps) <= LAST_STEP else None
    sort = request.GET.get("sort")
    sort = sort if sort in DashboardSort.values else DashboardSort.RANK
    page = request.GET.get("page", "")
    page = int(page) if page.isdigit() and 0 < int(page) < 10**6 else 1
    return steps, sort, page


def _dashboard_body(request, steps, sort, page) -> str:
    """The region's part of the dashboard page, rendered without the request (no form token,
    nothing of the user in it): the same for every user of one role."""
    data = selectors.dashboard(steps=steps, sort=sort, page=page, page_size=DASHBOARD_PAGE_SIZE)
    labels = [month_short(month) for month in data["months"]]
    for row in data["rows"]:
        row["sparkline"] = charts.sparkline_svg(row["trend"])
    keep = {"steps": "" if steps is None else steps, "sort": sort}
    pages = {
        "previous": urlencode({**keep, "page": data["page"] - 1}) if data["page"] > 1 else None,
        "next": urlencode({**keep, "page": data["page"] + 1})
        if data["page"] < data["pages"]
        else None,
    }
    return render_to_string(
        "reports/pages/_dashboard_body.html",
        {
            "data": data,
            "region_chart": charts.line_chart(data["region_trend"], labels, width=900, height=220),
            "step_groups": range(LAST_STEP, -1, -1),
            "sorts": DashboardSort.choices,
            "pages": pages,
        },
    )


@login_required
def dashboard(request):
    """The governor's dashboard, a page of DASHBOARD_PAGE_SIZE agencies. The rendered region
    part is cached per role, filter, order and page; its key holds the region's state version
    (audits.state: it changes when a final sheet is signed), the agencies and the day, so a
    signature shows at once and a cached page never outlives DASHBOARD_CACHE_SECONDS."""
    _require(permissions.can_view_region(request.user))
    steps, sort, page = _dashboard_query(request)
    agencies = Agency.objects.aggregate(count=Count("pk"), newest=Max("pk"))
    key = (
        "reports.dashboard:"
        + sha256(
            repr(
                (
                    sorted(roles_of(request.user)),
                    get_language(),
                    calendar.today(),
                    state_version(),
                    agencies["count"],
                    agencies["newest"],
                    steps,
                    sort,
                    page,
                )
            ).encode()
        ).hexdigest()
    )
    body = get_or_make(
        key, lambda: _dashboard_body(request, steps, sort, page), DASHBOARD_CACHE_SECONDS
    )
    return render(
        request,
        "reports/pages/dashboard.html",
        {
            # Rendered from the template above: autoescaped there.
            "body": mark_safe(body),
            "summary_month": format_month(calendar.today()),
        },
    )


@login_required
def summary(request):
    _require(permissions.can_view_region(request.user))
    month, error = _month_from(request, calendar.today().replace(day=1))
    return render(
        request,
        "reports/pages/summary.html",
        {
            "month": month,
            "month_value": format_month(month),
            "month_label": month_label(month),
            "error": error,
            "rows": selectors.summary_rows(month=month),
            "documents": selectors.document_list(
                user=request.user, filters={"kind": "summary"}
            ).filter(month=month),
        },
    )


@login_required
def findings(request):
    _require(permissions.can_view_region(request.user))
    today = calendar.today()
    since = add_months(today, -12)
    context = {
        "remarks": selectors.recurring_remarks(since=since),
        "backlog": selectors.action_backlog(today=today),
        "since": since,
    }
    if permissions.can_view_consistency(request.user):
        context["consistency"] = selectors.auditor_consistency(since=since, until=today)
    return render(request, "reports/pages/findings.html", context)


@login_required
def document_list(request):
    _require(permissions.can_view_knowledge_base(request.user))
    try:
        documents = selectors.document_list(user=request.user, filters=request.GET)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        documents = selectors.document_list(user=request.user)
    page = Paginator(documents, PAGE_SIZE)
    return render(
        request,
        "reports/pages/document_list.html",
        {"page": page.get_page(request.GET.get("page"))},
    )


@login_required
@require_POST
def document_order(request):
    form = OrderForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect(request.META.get("HTTP_REFERER") or reverse("reports:documents"))
    data = form.cleaned_data
    audit = None
    if data.get("audit"):
        audit = Audit.objects.filter(pk=data["audit"]).first()
        if audit is None:
            raise Http404
    try:
        document = services.document_request(
            actor=request.user,
            kind=data["kind"],
            format=data["format"],
            audit=audit,
            month=data.get("month"),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(request.META.get("HTTP_REFERER") or reverse("reports:documents"))
    return redirect(document.get_absolute_url())


def _document_or_404(request, pk):
    return selected_or_404(selectors.document_detail, user=request.user, pk=pk)


def _ready_document_or_404(request, pk):
    return services.document_ensure_ready(_document_or_404(request, pk))


def status_payload(document):
    return {
        "id": document.pk,
        "status": document.status,
        "status_label": str(document.get_status_display()),
        "progress": document.progress,
        "error": document.error,
        "size": document.size,
        "size_label": document.size_label,
        "checksum": document.checksum,
        "download_url": reverse("reports:document-download", args=[document.pk])
        if document.is_ready
        else None,
    }


@login_required
def document_detail(request, pk):
    document = _ready_document_or_404(request, pk)
    return render(
        request,
        "reports/pages/document_detail.html",
        {
            "document": document,
            "status": status_payload(document),
            "pending": document.is_pending,
            "statuses": DocumentStatus,
        },
    )


@login_required
def document_status(request, pk):
    return JsonResponse(status_payload(_ready_document_or_404(request, pk)))


class FileGone(Exception):
    """A document recorded as done whose file is not on disk: it has been ordered again
    (`document`, now queued) and the download answers 410 Gone instead of a server error."""

    def __init__(self, document):
        super().__init__(FILE_GONE_MESSAGE)
        self.document = document


FILE_GONE_MESSAGE = gettext_lazy(
    "Файл документа не найден на диске. Документ заказан заново: скачайте его, когда он "
    "будет готов."
)


def file_response(document, name=None):
    """The download of a document. Never rendered yet (in-process mode): rendered now; ordered
    again and being made anew: its previous render, which the user saw done; never made: 404;
    its file missing on disk: re-ordered, FileGone."""
    if services.document_file_missing(document):
        raise FileGone(services.document_regenerate_missing(document_id=document.pk))
    document = services.document_ensure_ready(document)
    if not (document.is_ready or (document.is_pending and document.file)):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        # Replaced by a newer render between the read and the open (services.document_generate
        # removes the previous file once the new one is committed): that one is served.
        previous = document.file.name
        document.refresh_from_db()
        if not document.file or document.file.name == previous:
            raise FileGone(services.document_regenerate_missing(document_id=document.pk)) from exc
        handle = document.file.open("rb")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name or document.file_name,
        content_type=document.content_type,
    )


def _gone_page(request, document):
    return render(
        request,
        "reports/pages/document_gone.html",
        {"document": document, "message": FILE_GONE_MESSAGE},
        status=410,
    )


def publication_file_response(publication):
    """An uploaded file of a publication; one missing on disk cannot be made again: 404."""
    try:
        handle = publication.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Файл публикации не найден.")) from exc
    return FileResponse(
        handle, as_attachment=True, filename=publication.file.name.rsplit("/", 1)[-1]
    )


@login_required
def document_download(request, pk):
    try:
        return file_response(_document_or_404(request, pk))
    except FileGone as gone:
        return _gone_page(request, gone.document)


@login_required
def knowledge_base(request):
    _require(permissions.can_view_knowledge_base(request.user))
    agencies = visible_agencies(request.user).order_by("short_name")
    form = KnowledgeBaseFilter(request.GET or None, agencies=agencies)
    # The form shows the filters (its agencies: those the user sees) and their errors; the
    # selector applies the list's one FilterSet to what it accepted.
    filters = request.GET if form.is_bound and form.is_valid() else None
    page = Paginator(selectors.publication_list(user=request.user, filters=filters), PAGE_SIZE)
    return render(
        request,
        "reports/pages/knowledge_base.html",
        {"form": form, "page": page.get_page(request.GET.get("page"))},
    )


@login_required
def publication_download(request, pk):
    publication = selected_or_404(selectors.publication_detail, user=request.user, pk=pk)
    if publication.document_id:
        try:
            return file_response(publication.document)
        except FileGone as gone:
            return _gone_page(request, gone.document)
    if publication.file:
        return publication_file_response(publication)
    if publication.url:
        return redirect(publication.url)
    raise Http404
