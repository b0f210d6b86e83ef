"""Constants of the reports app, each with the clause it comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# §4.10: «Сводный отчет размещается в системе «ДИАрама» в течение 5 рабочих дней после плановой
# даты окончания отчетного периода». The reporting period is a calendar month (Appendix 13,
# «по состоянию на ___ 20__ г. (месяц года)»).
SUMMARY_PUBLICATION_WORKING_DAYS = 5
# A generated document's unexpected failure (a crashed render, a full disk) is tried this many
# times in all (the outbox's backoff between tries: 1, 2 minutes) before it is recorded on the
# document as failed. A worker killed mid-render uses one attempt too.
DOCUMENT_MAX_ATTEMPTS = 3
# The outbox handlers of the app (core.outbox, registered in ReportsConfig.ready()).
GENERATE_DOCUMENT = "reports.generate_document"
PUBLISH_FINAL_SHEET = "reports.publish_final_sheet"
PUBLISH_PHOTO_REPORT = "reports.publish_photo_report"
PUBLISH_SUMMARY = "reports.publish_summary"
# An approved 5S standard (§8.2): the standards app schedules it by this name (core.outbox).
PUBLISH_STANDARD = "reports.publish_standard"
# Findings: open corrective actions grouped by age in days since the audit that raised them.
BACKLOG_AGE_BUCKETS = ((0, 30), (31, 90), (91, 180), (181, None))
# Auditor consistency (Regulation §5.6): a score more than one point from the group's criterion
# value counts as a divergence.
CONSISTENCY_DIVERGENCE = 1
# How many months the dashboard's trend charts cover by default.
TREND_MONTHS = 12
# The dashboard shows this many agencies a page (issue 18: a region of 10,000 agencies in one
# page took seconds and 10 MB of HTML), and keeps a rendered page this long per role; signing
# a final sheet changes the region's state and so the key of the page.
DASHBOARD_PAGE_SIZE = 50
DASHBOARD_CACHE_SECONDS = 300


class DashboardSort(models.TextChoices):
    """The dashboard's order: by the ranking within each number of completed steps (most steps
    first), or by name."""

    RANK = "rank", _("по месту в группе пройденных шагов")
    NAME = "name", _("по названию")


# Dashboard cell colours by score band (value ≥ lower bound), best first.
SCORE_BANDS = (
    (4.5, "score-5"),
    (3.5, "score-4"),
    (2.5, "score-3"),
    (1.5, "score-2"),
    (0, "score-1"),
)


class DocumentKind(models.TextChoices):
    FINAL_SHEET = "final_sheet", _("Итоговый оценочный лист (приложение 12)")
    SUMMARY = "summary", _("Сводный отчёт (приложение 13)")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("В очереди")
    RUNNING = "running", _("Формируется")
    DONE = "done", _("Готов")
    FAILED = "failed", _("Ошибка")


class PublicationKind(models.TextChoices):
    FINAL_SHEET = "final_sheet", _("Итоговый оценочный лист")
    SUMMARY = "summary", _("Сводный отчёт")
    PHOTO_REPORT = "photo_report", _("Фотоотчёт")
    STANDARD = "standard", _("5S-стандарт")
