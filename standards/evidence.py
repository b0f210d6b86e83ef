"""The standards app's records as evidence for the checklist (core.evidence; the map:
core.evidence_map).

- the register of 5S standards with review dates (§8.2, Appendix 29): 4.8 (Appendix 2, L2517),
  4.2, 4.6, 5.5;
- the daily checklist (Appendix 26): 3.1, 3.4, 4.4 (L2379);
- stock places with minimum and maximum levels, their counts and order requests (§8.2,
  L1211–1245, Appendix 27): 1.3, 2.5 (L1831), 4.5 (L2399);
- visual control points (Appendix 28), error-proofing and the emergency procedure: 2.2, 2.6
  (L1863), 3.5–3.7, 4.6 (L2439), 4.7 (L2475);
- set in order (§6, L770–950): the rooms' schemes and the placement schedule: 2.1–2.3, 2.6,
  3.8, 3.9, 4.2;
- shine (§7, L950–1070): the analyses of Appendices 20 and 23, the cleaning-inspection plans
  (Appendix 24) and the cleaning schedules (Appendix 25): 3.1–3.9.
Registered from StandardsConfig.ready(); each provider is one query.
"""

from django.db.models import Count, DateField, F, Max, Value
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.evidence import latest_records, register_evidence_kind
from standards.placement.models import PlacementSchedule, PlacementScheme
from standards.register.models import DailyChecklist, Standard
from standards.shine.choices import AnalysisKind
from standards.shine.models import CleaningAnalysis, CleaningPlan, CleaningSchedule
from standards.stock.models import OrderRequest, StockCount, StockPlace
from standards.visual.models import EmergencyProcedure, ErrorProofing, VisualControlList


def _standard_title(row):
    if row.review_due:
        return _("%(title)s (пересмотреть не позднее %(date)s)") % {
            "title": row.title,
            "date": f"{row.review_due:%d.%m.%Y}",
        }
    return row.title


def standards(agency_ids, until=None):
    return latest_records(
        Standard.objects.all(),
        agency_ids,
        until=until,
        date=Coalesce(F("approved_on"), TruncDate("created_at")),
        title=_standard_title,
        url=lambda row: row.get_absolute_url(),
    )


def daily_checklists(agency_ids, until=None):
    return latest_records(
        DailyChecklist.objects.all(),
        agency_ids,
        until=until,
        date=Coalesce(F("approved_on"), TruncDate("created_at")),
        title=lambda row: (
            _("Контрольный лист для ежедневного применения, редакция %(version)s")
            % {"version": row.version}
        ),
        url=lambda row: row.get_absolute_url(),
    )


def stock_places(agency_ids, until=None):
    """Places with their items' levels; the date is the latest count of an item there."""
    places = StockPlace.objects.select_related("room").annotate(
        items_total=Count("items"), last_counted=Max("items__counted_on")
    )
    return latest_records(
        places,
        agency_ids,
        until=until,
        date="last_counted",
        title=lambda row: (
            _("%(place)s: позиций запасов %(count)s")
            % {"place": f"{row.room} — {row.name}", "count": row.items_total}
        ),
        url=lambda row: row.get_absolute_url(),
    )


def stock_counts(agency_ids, until=None):
    return latest_records(
        StockCount.objects.select_related("item"),
        agency_ids,
        until=until,
        agency="item__place__agency_id",
        date="counted_on",
        title=lambda row: f"{row.item}: {row.count}",
        url=lambda row: reverse("standards:stock-place", args=[row.item.place_id]),
    )


def order_requests(agency_ids, until=None):
    return latest_records(
        OrderRequest.objects.all(),
        agency_ids,
        until=until,
        date="requested_on",
        title=str,
        url=lambda row: row.get_absolute_url(),
    )


def visual_control(agency_ids, until=None):
    lists = VisualControlList.objects.select_related("room").annotate(point_count=Count("points"))
    return latest_records(
        lists,
        agency_ids,
        until=until,
        date=Coalesce(F("agreed_on"), F("compiled_on")),
        title=lambda row: (
            _("%(room)s: точек визуального контроля %(count)s")
            % {"room": row.room, "count": row.point_count}
        ),
        url=lambda row: row.get_absolute_url(),
    )


def error_proofing(agency_ids, until=None):
    return latest_records(
        ErrorProofing.objects.select_related("room"),
        agency_ids,
        until=until,
        date=Value(None, output_field=DateField()),
        title=lambda row: f"{row.room}: {row.measure}",
        url=lambda row: reverse("standards:visual-proofing"),
    )


def emergency_procedures(agency_ids, until=None):
    return latest_records(
        EmergencyProcedure.objects.all(),
        agency_ids,
        until=until,
        date="approved_on",
        title=lambda row: row.title,
        url=lambda row: reverse("standards:visual-procedures"),
    )


def placement_schemes(agency_ids, until=None):
    return latest_records(
        PlacementScheme.objects.select_related("room"),
        agency_ids,
        until=until,
        date=Coalesce(F("approved_on"), TruncDate("uploaded_at")),
        title=lambda row: f"{row} ({row.get_status_display()})",
        url=lambda row: row.get_absolute_url(),
    )


def placement_schedules(agency_ids, until=None):
    return latest_records(
        PlacementSchedule.objects.all(),
        agency_ids,
        until=until,
        date=Coalesce(F("agreed_on"), F("drawn_up_on")),
        title=str,
        url=lambda row: row.get_absolute_url(),
    )


def _analyses(kind):
    def provider(agency_ids, until=None):
        return latest_records(
            CleaningAnalysis.objects.filter(kind=kind),
            agency_ids,
            until=until,
            date="date",
            title=str,
            url=lambda row: row.get_absolute_url(),
        )

    return provider


def cleaning_plans(agency_ids, until=None):
    return latest_records(
        CleaningPlan.objects.all(),
        agency_ids,
        until=until,
        date=TruncDate("created_at"),
        title=str,
        url=lambda row: row.get_absolute_url(),
    )


def cleaning_schedules(agency_ids, until=None):
    return latest_records(
        CleaningSchedule.objects.select_related("room"),
        agency_ids,
        until=until,
        date="period_start",
        title=str,
        url=lambda row: row.get_absolute_url(),
    )


def register() -> None:
    register_evidence_kind(
        "standards.placement_scheme", _("Схемы рационального размещения"), placement_schemes
    )
    register_evidence_kind(
        "standards.placement_schedule", _("Графики рационального размещения"), placement_schedules
    )
    register_evidence_kind(
        "standards.hard_to_clean_analysis",
        _("Анализ труднодоступных для уборки мест"),
        _analyses(AnalysisKind.HARD_PLACES),
    )
    register_evidence_kind(
        "standards.cleaning_analysis",
        _("Анализ мест, требующих уборки"),
        _analyses(AnalysisKind.CLEANING_PLACES),
    )
    register_evidence_kind("standards.cleaning_plan", _("Планы уборки-проверки"), cleaning_plans)
    register_evidence_kind("standards.cleaning_schedule", _("Графики уборки"), cleaning_schedules)
    register_evidence_kind(
        "standards.standard", _("Перечень 5S-стандартов с датами пересмотра"), standards
    )
    register_evidence_kind(
        "standards.daily_checklist",
        _("Контрольный лист для ежедневного применения 5S"),
        daily_checklists,
    )
    register_evidence_kind(
        "standards.stock_place", _("Места хранения запасов и их уровни"), stock_places
    )
    register_evidence_kind("standards.stock_count", _("Пересчёты запасов"), stock_counts)
    register_evidence_kind(
        "standards.order_request", _("Заявки на заказ материальных объектов"), order_requests
    )
    register_evidence_kind(
        "standards.visual_control", _("Перечни точек визуального контроля"), visual_control
    )
    register_evidence_kind("standards.error_proofing", _("Защита от ошибок"), error_proofing)
    register_evidence_kind(
        "standards.emergency_procedure",
        _("Порядок действий в чрезвычайной ситуации"),
        emergency_procedures,
    )
