"""What the reports app puts on the home page: for the working group head and administrators,
the monthly summary's publication deadline in «ДИАрама» (§4.10: within 5 working days after
the month ends)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import calendar
from core.periods import format_month, previous_month
from core.registry import HomePanel
from reports import permissions
from reports.choices import PublicationKind
from reports.models import Publication
from reports.periods import month_label, summary_due


def panels(user):
    if not permissions.can_view_consistency(user):  # the group head and administrators
        return []
    today = calendar.today()
    month = previous_month(today)
    due = summary_due(month)
    published = Publication.objects.filter(
        kind=PublicationKind.SUMMARY, source_key__startswith=f"summary:{format_month(month)}:"
    ).exists()
    text = _("Сводный отчёт за %(month)s: %(state)s") % {
        "month": month_label(month),
        "state": _("размещён в «ДИАрама»")
        if published
        else _("разместить до %(date)s") % {"date": due.strftime("%d.%m.%Y")},
    }
    return [
        HomePanel(
            title=_("Сводный отчёт (приложение 13)"),
            url=reverse("reports:summary"),
            order=40,
            items=[
                {
                    "text": text,
                    "url": reverse("reports:knowledge-base") + "?kind=summary",
                    "due": None if published else due,
                    "overdue": not published and today > due,
                }
            ],
        )
    ]
