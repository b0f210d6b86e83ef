"""The arithmetic and limits of training (§9.2, seed 003 L1377–1385), as pure functions over
plain values: what a session may have, and what share of employees is trained."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from agencies.training.choices import (
    DURATION_RECOMMENDED_MAX,
    DURATION_RECOMMENDED_MIN,
    SESSION_ATTENDEES_MAX,
    SHARE_PLACES,
)


def attendees_over_limit(count: int) -> bool:
    """L1383: «Количество обучающихся не должно превышать 5 - 7 человек»: 7 is allowed, 8 is
    not."""
    return count > SESSION_ATTENDEES_MAX


def duration_outside_recommendation(hours: Decimal) -> bool:
    """L1383: «Рекомендуемая длительность занятия 1–1,5 часа», both ends included. Outside it
    a session is still recorded (a recommendation), with a warning."""
    return hours < DURATION_RECOMMENDED_MIN or hours > DURATION_RECOMMENDED_MAX


def coverage_share(trained: int, employees: int) -> Decimal:
    """The share of employees trained, in per cent with one decimal place rounded half up
    (L1355 «всеобщее обучение»: the target is 100 %). No employees: 0.0."""
    if employees <= 0:
        return Decimal("0.0")
    share = Decimal(trained) * Decimal(100) / Decimal(employees)
    return share.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def trained_since(
    course_date: datetime.date | None, first_session: datetime.date | None
) -> datetime.date | None:
    """When a person counts as trained (L381, L413: the team's leader and members «прошедших
    обучение по программе «Система 5S»»): the earlier of the course date written on their
    record and the first session of the agency's programme they attended; None when neither."""
    dates = [day for day in (course_date, first_session) if day is not None]
    return min(dates) if dates else None


def topic_key(title: str) -> str:
    """A topic as people type it: case and spacing do not make another topic (a session is in
    the programme when its topic is one of the programme's)."""
    return " ".join((title or "").split()).casefold()
