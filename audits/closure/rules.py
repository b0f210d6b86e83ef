"""Pure rules of step closure (§4.6, L501; §5.5 L761–765, §6.5 L939–945, §7.4 L1059–1065,
§8.4 L1333–1341). No database: the selector gathers the diagnosis, these decide."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from audits.closure.choices import DIAGNOSED_STEPS, LAST_STEP, STEP_DOCUMENTS, DocumentKind


@dataclass(frozen=True)
class Diagnosis:
    """The team's diagnosis an agency has for a step (§4.6): the latest internal audit that
    scored the step's rooms, the rooms it scored, and the photo report made with it."""

    internal_audit_id: int | None
    conducted_on: datetime.date | None
    rooms: frozenset[int] = field(default_factory=frozenset)  # ids of the agency's rooms
    scored_rooms: frozenset[int] = field(default_factory=frozenset)
    photos: int = 0
    # Each room's name on the agency's list, by its id (for messages).
    room_names: dict[int, str] = field(default_factory=dict, compare=False)

    @property
    def missing_rooms(self) -> list[str]:
        return sorted(self.room_names.get(key, str(key)) for key in self.rooms - self.scored_rooms)


def steps_diagnosed_for(step: int) -> tuple[int, ...]:
    """The internal-audit steps a closure of `step` needs scored in every room: the step itself
    (L501: steps 1–4); step 5 (improvement) has no diagnosis of its own, so the portal asks for
    the whole Appendix 7 column (steps 1–4) — the state the agency keeps while improving."""
    return (step,) if step in DIAGNOSED_STEPS else DIAGNOSED_STEPS


def next_step(steps_completed: int) -> int | None:
    return steps_completed + 1 if steps_completed < LAST_STEP else None


def closure_refusals(
    *,
    step: int,
    steps_completed: int,
    diagnosis: Diagnosis,
    closed_on: datetime.date | None,
    previous_closed_on: datetime.date | None,
    today: datetime.date,
    rows: int,
    rows_without_copy: Collection[int] = (),
    requirements: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """What stops the team from closing `step`, field by field (empty: it may close). Each
    message names what is missing. `requirements` are the refusals other apps registered for
    the step (core.registry.step_requirement_errors, e.g. step 2's rooms without an approved
    rational-placement scheme, L947), added as they are."""
    errors: dict[str, str] = {}
    if step < 1 or step > LAST_STEP:
        return {"step": _("Шаги системы 5S — с 1 по 5.")}
    if step != steps_completed + 1:
        errors["step"] = _(
            "Шаги завершаются по порядку: сначала шаг %(next)s (завершено шагов: %(done)s)."
        ) % {"next": steps_completed + 1, "done": steps_completed}
        return errors
    if closed_on is None:
        errors["closed_on"] = _("Укажите дату завершения шага.")
    elif closed_on > today:
        errors["closed_on"] = _("Дата завершения шага не может быть позже сегодняшней.")
    elif previous_closed_on is not None and closed_on < previous_closed_on:
        errors["closed_on"] = _("Шаг не может быть завершён раньше предыдущего (%(date)s).") % {
            "date": previous_closed_on.strftime("%d.%m.%Y")
        }
    if diagnosis.internal_audit_id is None:
        errors["internal_audit"] = _(
            "Нет диагностики после шага: проведите внутренний аудит всех помещений по шагу "
            "%(steps)s (§4.6)."
        ) % {"steps": ", ".join(str(s) for s in steps_diagnosed_for(step))}
    else:
        if not diagnosis.rooms:
            errors["rooms"] = _(
                "В перечне помещений ОИВ ЯО / СППО нет ни одного помещения: внесите их."
            )
        elif diagnosis.missing_rooms:
            errors["rooms"] = _(
                "Во внутреннем аудите от %(date)s не оценены помещения: %(rooms)s."
            ) % {
                "date": diagnosis.conducted_on.strftime("%d.%m.%Y")
                if diagnosis.conducted_on
                else "",
                "rooms": ", ".join(diagnosis.missing_rooms),
            }
        if diagnosis.photos == 0:
            errors["photos"] = _(
                "Нет фотоотчёта к внутреннему аудиту от %(date)s (§4.6: фотоснимки и пояснения "
                "к ним)."
            ) % {
                "date": diagnosis.conducted_on.strftime("%d.%m.%Y")
                if diagnosis.conducted_on
                else ""
            }
        if (
            closed_on is not None
            and diagnosis.conducted_on is not None
            and closed_on < diagnosis.conducted_on
        ):
            errors["closed_on"] = _(
                "Шаг завершается диагностикой: дата не раньше внутреннего аудита (%(date)s)."
            ) % {"date": diagnosis.conducted_on.strftime("%d.%m.%Y")}
    kind = STEP_DOCUMENTS[step][0]
    if kind == DocumentKind.PROBLEMS and rows == 0:
        errors["problems"] = _(
            "Заполните перечень проблемных вопросов и предложений (хотя бы одну строку)."
        )
    if kind == DocumentKind.STANDARDS:
        if rows == 0:
            errors["standards"] = _(
                "Заполните перечень 5S-стандартов (приложение 29), хотя бы одну строку."
            )
        elif rows_without_copy:
            errors["standards"] = _(
                "Приложите электронную копию 5S-стандарта в строках: %(rows)s."
            ) % {"rows": ", ".join(str(n) for n in rows_without_copy)}
    for key, message in (requirements or {}).items():
        errors.setdefault(key, message)
    return errors
