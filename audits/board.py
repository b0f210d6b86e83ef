"""The information board's sections that audits owns (Appendix 11, seed 003 L3667–3677),
registered with core.board from AuditsConfig.ready():

- «photos» — фотографии «до», «в процессе», «результат» from the §4.6 photo report (L499: «Эти
  фотографии размещаются на информационном стенде»): a repeat photo points at the one it
  compares with, so a chain reads «до» → «в процессе» → «результат»;
- «internal_audit» — the latest internal audit's final sheet (Appendix 7: rooms by steps 1–4);
- «external_audit» — the latest signed final sheet of the working group's audit (Appendix 12);
- «closures» — the steps closed (§4.6, L501), next to the deployment plan's «steps».

Each provider runs a fixed number of queries (one or two) whatever the number of records."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits import scoring
from audits.choices import STEP_NAMES, AuditStatus
from audits.closure.models import StepClosure
from audits.models import Audit, InternalAudit, InternalScore, Photo
from core.board import BoardImage, BoardRow, BoardSection, register_board_section

PHOTOS_SHOWN = 9


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def _number(value) -> str:
    shown = scoring.display(value)
    return "" if shown is None else formats.number_format(shown, 2)


def _loader(field):
    def load() -> bytes:
        with field.open("rb") as handle:
            return handle.read()

    return load


def photo_group(photo) -> str:
    """«до» a photo later repeated (or alone), «в процессе» a repeat repeated again,
    «результат» the last repeat."""
    repeats = getattr(photo, "repeats", 0)
    if photo.before_id is None:
        return _("до")
    return _("в процессе") if repeats else _("результат")


def photos_section(agency) -> BoardSection | None:
    photos = list(
        Photo.objects.filter(agency=agency)
        .annotate(repeats=Count("after_photos"))
        .order_by("-taken_on", "-pk")[:PHOTOS_SHOWN]
    )
    if not photos:
        return None
    images = tuple(
        BoardImage(
            caption=f"{_date(photo.taken_on)} {photo.place}: {photo.subject}",
            url=reverse("audits:photo-file", args=[photo.pk, "thumbnail"]),
            group=photo_group(photo),
            load=_loader(photo.thumbnail),
        )
        for photo in reversed(photos)
    )
    return BoardSection(images=images)


def internal_audit_section(agency) -> BoardSection | None:
    """Appendix 7's latest column: each room's scores by steps 1–4 and their mean."""
    internal = InternalAudit.objects.filter(agency=agency).order_by("-month").first()
    if internal is None:
        return None
    by_room: dict[str, dict[int, int]] = defaultdict(dict)
    all_scores = []
    for score in InternalScore.objects.filter(internal_audit=internal).select_related("room"):
        by_room[score.room.name][score.step] = score.score
        all_scores.append(score.score)
    rows = [
        BoardRow(_("Месяц"), internal.month.strftime("%m.%Y")),
        BoardRow(_("Дата проведения"), _date(internal.conducted_on)),
    ]
    for room in sorted(by_room):
        steps = by_room[room]
        value = " · ".join(f"{step}: {steps[step]}" for step in sorted(steps))
        rows.append(BoardRow(room, f"{value} — {_number(scoring.mean(steps.values()))}"))
    if all_scores:
        rows.append(BoardRow(_("Средняя оценка"), _number(scoring.mean(all_scores))))
    return BoardSection(rows=tuple(rows))


def external_audit_section(agency) -> BoardSection | None:
    """The latest signed final sheet (Appendix 12): its date, overall score and step values."""
    audit = (
        Audit.objects.filter(agency=agency, status=AuditStatus.FINALISED)
        .select_related("final_sheet")
        .order_by("-date", "-pk")
        .first()
    )
    if audit is None:
        return None
    sheet = getattr(audit, "final_sheet", None)
    rows = [BoardRow(_("Дата аудита"), _date(audit.date))]
    if sheet is not None:
        rows.append(BoardRow(_("Итоговая оценка"), _number(sheet.overall)))
        for number, value in sorted((sheet.step_values or {}).items()):
            step = int(number)
            rows.append(BoardRow(f"{step}. {STEP_NAMES.get(step, '')}", _number(value)))
        if sheet.signed_on:
            rows.append(BoardRow(_("Итоговый лист подписан"), _date(sheet.signed_on)))
    return BoardSection(rows=tuple(rows))


def closures_section(agency) -> BoardSection | None:
    closures = list(StepClosure.objects.filter(agency=agency).order_by("step"))
    if not closures:
        return None
    return BoardSection(
        rows=tuple(
            BoardRow(
                f"{closure.step}. {STEP_NAMES.get(closure.step, '')}",
                _("завершён %(date)s") % {"date": _date(closure.closed_on)}
                if closure.closed_on
                else _("завершён"),
                state="done",
            )
            for closure in closures
        )
    )


def register() -> None:
    register_board_section(
        "photos",
        order=40,
        title=gettext_lazy("Фотографии: «до», «в процессе», «результат»"),
        provider=photos_section,
        empty_text=gettext_lazy("Фотоотчёт ещё не начат."),
    )
    register_board_section(
        "internal_audit",
        order=50,
        title=gettext_lazy("Итоговый оценочный лист внутреннего аудита"),
        provider=internal_audit_section,
        empty_text=gettext_lazy("Внутренний аудит ещё не проводился."),
    )
    register_board_section(
        "external_audit",
        order=60,
        title=gettext_lazy("Результаты аудита рабочей группы"),
        provider=external_audit_section,
        empty_text=gettext_lazy("Внешний аудит ещё не проводился."),
    )
    register_board_section(
        "closures",
        order=75,
        title=gettext_lazy("Завершённые шаги"),
        provider=closures_section,
        empty_text=gettext_lazy("Ни один шаг ещё не завершён."),
    )
