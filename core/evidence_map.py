"""THE MAP: which kinds of an agency's records prove each criterion of the checklist.

One entry per criterion of Appendix 2 (L1489–2889; numbering of Appendices 6 and 12), keyed
by its code. `kinds` are the keys of record kinds that apps register with
`core.evidence.register_evidence_kind` (the key's first part names the app that provides it);
`source` is the line of the seed where the criterion's descriptors ask for those records. A
criterion that no record of the portal can prove has no kinds and says why in `reason`
(tests/core/test_evidence_map.py fails on a criterion with neither).

To plug a new record kind in: register it from its app's `AppConfig.ready()` and add its key
to the criteria it serves below. A key listed here that no app registers yet (a kind being
built) is allowed: it shows as «нет данных» and is never queried; name its label in
`PENDING_KIND_LABELS` until its app registers it.

This is data, not logic: core imports no app, and no app imports another for it.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CriterionMap:
    kinds: tuple[str, ...] = ()
    source: str = ""
    reason: Any = ""  # a lazy translation: why no record kind proves the criterion


# Sorting (step 1, §5, Appendices 1, 14–17): red tags, the lists, the temporary storage zone.
_SORTING = ("sorting.red_tag", "sorting.sorting_list")
_ZONE = ("sorting.storage_admission", "sorting.storage_check")
# Cleaning (step 3, §7, Appendices 19–25).
_CLEANING = ("standards.cleaning_plan", "standards.cleaning_schedule")

CRITERIA: dict[str, CriterionMap] = {
    # --- Step 1. Сортировка -------------------------------------------------------------------
    # «список "ненужных" предметов составлен», «в зоне временного хранения ведётся учёт»
    "1.1": CriterionMap((*_SORTING, *_ZONE), "L1531"),
    # «списки "ненужных" и "ненужных срочно" предметов составлены»
    "1.2": CriterionMap(_SORTING, "L1577"),
    # «объёмы запасов и места их хранения определены и обозначены»
    "1.3": CriterionMap(
        ("standards.stock_place", "standards.stock_count", "sorting.sorting_list"), "L1609"
    ),
    # --- Step 2. Рациональное размещение ------------------------------------------------------
    # «схемы рационального размещения присутствуют»; photos show the placement
    "2.1": CriterionMap(
        ("standards.placement_scheme", "standards.placement_schedule", "audits.photo"), "L1643"
    ),
    # «места размещения ("обратные адреса") имеют надписи, указатели, маркировку»
    "2.2": CriterionMap(
        ("standards.placement_scheme", "standards.visual_control", "audits.photo"), "L1715"
    ),
    "2.3": CriterionMap(("standards.placement_scheme", "audits.photo"), "L1767"),
    "2.4": CriterionMap(
        (),
        "L1789",
        _(
            "Ярлыки рабочего стола, каталоги и названия файлов члены рабочей группы проверяют "
            "на компьютерах во время аудита; портал не хранит записей о пользовательском "
            "интерфейсе рабочих мест."
        ),
    ),
    # «визуализированы максимальный и минимальный уровни»
    "2.5": CriterionMap(("standards.stock_place", "standards.stock_count"), "L1831"),
    # «с момента обновления данных на информационном стенде прошло не более 1 месяца»
    "2.6": CriterionMap(
        ("standards.visual_control", "agencies.board_update", "standards.placement_scheme"),
        "L1863",
    ),
    # common areas only: free passage, fire equipment reachable (photos, internal audits)
    "2.7": CriterionMap(("audits.photo", "audits.internal_audit"), "L1919"),
    # --- Step 3. Уборка -----------------------------------------------------------------------
    # «проведён анализ мест, требующих уборки», «уборка проводится с установленной в
    # графиках уборки периодичностью»
    "3.1": CriterionMap(
        ("standards.cleaning_analysis", *_CLEANING, "standards.daily_checklist"), "L1943"
    ),
    "3.2": CriterionMap(("standards.cleaning_analysis", *_CLEANING), "L1995"),
    "3.3": CriterionMap(_CLEANING, "L2061"),
    "3.4": CriterionMap((*_CLEANING, "standards.daily_checklist"), "L2113"),
    # the cleaning plan names the inventory needed (Appendix 24, L4617 «Необходимый инвентарь»)
    "3.5": CriterionMap(("standards.cleaning_plan", "standards.visual_control"), "L2145"),
    "3.6": CriterionMap(("standards.cleaning_plan", "standards.visual_control"), "L2167"),
    # «разметка, надписи, указатели, маркировка чистые» (checked by the visual control points)
    "3.7": CriterionMap(("standards.visual_control", "standards.cleaning_plan"), "L2189"),
    # «схемы рационального размещения составлены с учётом анализа труднодоступных мест»
    "3.8": CriterionMap(
        ("standards.hard_to_clean_analysis", "standards.placement_scheme"), "L2201"
    ),
    "3.9": CriterionMap(
        ("standards.hard_to_clean_analysis", "standards.placement_scheme"), "L2239"
    ),
    # --- Step 4. Стандартизация ---------------------------------------------------------------
    # «составлены списки», «сортировка проводится в соответствии с порядком», decisions on time
    "4.1": CriterionMap(("sorting.sorting_round", *_SORTING), "L2279"),
    # schemes and the storage rules (5S standards) are developed and applied
    "4.2": CriterionMap(("standards.placement_scheme", "standards.standard"), "L2333"),
    # scored from the IT department's data (§8.4, L1337)
    "4.3": CriterionMap(("audits.it_standard",), "L2365"),
    # «планы уборки-проверки, графики уборки, контрольный лист для ежедневного применения»
    "4.4": CriterionMap((*_CLEANING, "standards.daily_checklist"), "L2379"),
    # «номенклатура, минимальный и максимальный уровни запасов», order requests (Appendix 27)
    "4.5": CriterionMap(("standards.stock_place", "standards.order_request"), "L2399"),
    # «визуальный контроль», «5S-стандарты», «система защиты от ошибок»
    "4.6": CriterionMap(
        ("standards.visual_control", "standards.error_proofing", "standards.standard"), "L2439"
    ),
    "4.7": CriterionMap(("standards.emergency_procedure",), "L2475"),
    # «перечень 5S-стандартов», «актуализация проходит своевременно» (review dates)
    "4.8": CriterionMap(("standards.standard",), "L2517"),
    # --- Step 5. Совершенствование ------------------------------------------------------------
    # the deployment plan, planned against actual; the steps closed
    "5.1": CriterionMap(
        ("agencies.deployment_plan", "agencies.deployment_order", "audits.step_closure"),
        "L2571",
    ),
    # the corrective-action plan, its actions, and the earlier audits' remarks (recurring)
    "5.2": CriterionMap(
        ("audits.action_plan", "audits.corrective_action", "audits.external_audit"), "L2611"
    ),
    # internal audits, photos, indicator sheets, proposals for improving the deployment
    "5.3": CriterionMap(
        ("audits.internal_audit", "audits.photo", "agencies.indicator_sheet", "agencies.proposal"),
        "L2653",
    ),
    "5.4": CriterionMap(("agencies.training_programme", "agencies.training_session"), "L2697"),
    # trained employees, applied standards, initiative (proposals)
    "5.5": CriterionMap(
        ("agencies.training_session", "standards.standard", "agencies.proposal"), "L2741"
    ),
    "5.6": CriterionMap(("agencies.training_session",), "L2801"),
    # «регулярно (не реже 1 раза в квартал) проводит обходы рабочих мест»
    "5.7": CriterionMap(("agencies.walk_round",), "L2817"),
    "5.8": CriterionMap(
        (),
        "L2873",
        _(
            "Мероприятия по продвижению 5S (семинары, конкурсы, фотовыставки) портал не "
            "учитывает: ОИВ ЯО (СППО) предъявляет их материалы рабочей группе на аудите."
        ),
    ),
}

# Kinds being built by other apps, shown by these labels until their app registers them.
PENDING_KIND_LABELS: dict[str, Any] = {
    "standards.placement_scheme": _("Схемы рационального размещения"),
    "standards.placement_schedule": _("Графики рационального размещения"),
    "standards.hard_to_clean_analysis": _("Анализ труднодоступных для уборки мест"),
    "standards.cleaning_analysis": _("Анализ мест, требующих уборки"),
    "standards.cleaning_plan": _("Планы уборки-проверки"),
    "standards.cleaning_schedule": _("Графики уборки"),
    "agencies.indicator_sheet": _("Листы показателей"),
    "agencies.board_update": _("Обновления информационного стенда"),
}
