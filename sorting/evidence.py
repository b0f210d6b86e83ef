"""Sorting's records as evidence for the checklist (core.evidence; the map: core.evidence_map).

Step 1 (Appendix 2, L1531–1640) and criterion 4.1 (L2279) ask for the red tags (Appendix 1),
the lists of unneeded and rarely-needed items (Appendices 16, 17), the accounting of the
temporary storage zone (§5.3) and sortings done by the procedure (§5.4, Appendix 15).
Registered from SortingConfig.ready(); each provider is one query.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.evidence import latest_records, register_evidence_kind
from sorting.models import RedTag, SortingList, SortingRound, StorageAdmission, StorageCheck


def red_tags(agency_ids, until=None):
    return latest_records(
        RedTag.objects.all(),
        agency_ids,
        until=until,
        date="marked_on",
        title=str,
        url=lambda tag: tag.get_absolute_url(),
    )


def sorting_lists(agency_ids, until=None):
    return latest_records(
        SortingList.objects.select_related("round"),
        agency_ids,
        until=until,
        agency="round__agency_id",
        date="round__date_from",
        title=lambda row: f"{row.get_kind_display()} — {row.round.period_display}",
        url=lambda row: row.get_absolute_url(),
    )


def sorting_rounds(agency_ids, until=None):
    return latest_records(
        SortingRound.objects.all(),
        agency_ids,
        until=until,
        date="date_from",
        title=lambda row: _("Сортировка %(period)s") % {"period": row.period_display},
        url=lambda row: row.get_absolute_url(),
    )


def storage_admissions(agency_ids, until=None):
    return latest_records(
        StorageAdmission.objects.select_related("red_tag"),
        agency_ids,
        until=until,
        date="admitted_on",
        title=lambda row: str(row.red_tag),
        url=lambda row: reverse("sorting:zone", args=[row.agency_id]),
    )


def storage_checks(agency_ids, until=None):
    return latest_records(
        StorageCheck.objects.all(),
        agency_ids,
        until=until,
        date="checked_on",
        title=lambda row: (
            _("Проверка зоны временного хранения %(date)s") % {"date": f"{row.checked_on:%d.%m.%Y}"}
        ),
        url=lambda row: reverse("sorting:zone", args=[row.agency_id]),
    )


def register() -> None:
    register_evidence_kind("sorting.red_tag", _("«Красные ярлыки»"), red_tags)
    register_evidence_kind(
        "sorting.sorting_list", _("Списки «ненужных» и «ненужных срочно» предметов"), sorting_lists
    )
    register_evidence_kind("sorting.sorting_round", _("Сортировки"), sorting_rounds)
    register_evidence_kind(
        "sorting.storage_admission", _("Учёт зоны временного хранения"), storage_admissions
    )
    register_evidence_kind(
        "sorting.storage_check", _("Проверки зоны временного хранения"), storage_checks
    )
