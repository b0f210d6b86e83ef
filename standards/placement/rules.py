"""Pure rules of «Set in order» (step 2, §6, seed 003 L770–950). No database: plain values in,
plain values out.

- `copy_due`: «Лидер 5S-команды в течение 3 рабочих дней с даты согласования руководителем …
  графика рационального размещения … направляет его копию в бумажном виде руководителю
  рабочей группы» (L907), counted with the Russian working-day calendar (core.calendar).
- `needs_scheme`: «если рабочее пространство состоит из одного рабочего места, сотрудник …
  может самостоятельно выполнить рациональное размещение без предварительного составления
  схемы» (L909; the same for the map, L851) — a single-workplace room needs no scheme.
- `rooms_without_scheme`: the rooms that stop step 2 from closing: «выполнение шага 2
  считается незаконченным, пока у каждого предмета не появится своё место» (L947), and the
  scheme must be «разработана до того, как начать размещение» (L909).
- `symbols`: the legend of Appendix 18, loaded from fixtures/ (its drawings are not in the
  text, so the file holds what §6.2 asks to draw and how the text says to draw it).
"""

import datetime
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from core import calendar, i18n
from standards.placement.choices import SCHEDULE_COPY_WORKING_DAYS, SYMBOLS_FIXTURE


def copy_due(agreed_on: datetime.date) -> datetime.date:
    """The last day to send the schedule's paper copy to the group head (L907)."""
    return calendar.add_working_days(agreed_on, SCHEDULE_COPY_WORKING_DAYS)


def copy_overdue(
    due: datetime.date | None, sent_on: datetime.date | None, today: datetime.date
) -> bool:
    return due is not None and sent_on is None and today > due


def needs_scheme(single_workplace: bool) -> bool:
    """A rational-placement scheme is needed unless the room is one workplace (L909)."""
    return not single_workplace


def rooms_without_scheme(
    rooms: Iterable[tuple[int, str, bool]], approved_room_ids: Iterable[int]
) -> list[str]:
    """The names of the rooms (id, name, single_workplace) that need a scheme and have no
    approved one, in name order."""
    approved = set(approved_room_ids)
    return sorted(name for pk, name, single in rooms if needs_scheme(single) and pk not in approved)


@cache
def symbols() -> dict[str, Any]:
    """Appendix 18 «Примерный перечень символов для изображения отдельных предметов и людей»
    as the fixture holds it: {"source", "note", "symbols": [{"name", "drawing", "line"}]}."""
    path = Path(settings.BASE_DIR) / "fixtures" / SYMBOLS_FIXTURE
    return json.loads(path.read_text(encoding="utf-8"))


def shown_symbols() -> dict[str, Any]:
    """The legend of symbols() as a person reads it: in English mode each text in English
    where placement_symbols.en.json has it (issue 17 item 10), the Russian otherwise."""
    legend = symbols()

    def shown(text: str) -> str:
        return i18n.shown_template_text(SYMBOLS_FIXTURE, text)

    return {
        **legend,
        "note": shown(legend["note"]),
        "reading": shown(legend["reading"]),
        "symbols": [
            {**s, "name": shown(s["name"]), "drawing": shown(s["drawing"])}
            for s in legend["symbols"]
        ],
    }
