"""Pure date and count rules of the register of 5S standards and the daily checklist.

- L1145: a 5S standard is reviewed «не реже 1 раза в год»: the review is due exactly one year
  after the approval (29 February → 28 February) and overdue from the day after.
- A reminder goes out REVIEW_REMINDER_DAYS before the due date.
- L1189: the daily checklist has at most 10 items; L1187: it takes at most 5 minutes.
"""

import datetime

from standards.register.choices import (
    CHECKLIST_MAX_ITEMS,
    CHECKLIST_MAX_MINUTES,
    REVIEW_PERIOD_YEARS,
    REVIEW_REMINDER_DAYS,
    ReviewState,
)


def review_due(approved_on: datetime.date) -> datetime.date:
    """The last day the standard approved on `approved_on` may go without review (L1145)."""
    year = approved_on.year + REVIEW_PERIOD_YEARS
    try:
        return approved_on.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return datetime.date(year, 2, 28)


def is_review_overdue(due: datetime.date | None, today: datetime.date) -> bool:
    """Overdue the day after the due date; a standard never approved is not «overdue»."""
    return due is not None and today > due


def reminder_from(due: datetime.date) -> datetime.date:
    return due - datetime.timedelta(days=REVIEW_REMINDER_DAYS)


def review_state(due: datetime.date | None, today: datetime.date) -> str:
    if due is None:
        return ReviewState.NOT_APPROVED
    if is_review_overdue(due, today):
        return ReviewState.OVERDUE
    if today >= reminder_from(due):
        return ReviewState.DUE_SOON
    return ReviewState.CURRENT


def checklist_items_ok(count: int) -> bool:
    """L1189: «не более 10 пунктов» (and at least one)."""
    return 1 <= count <= CHECKLIST_MAX_ITEMS


def checklist_duration_ok(minutes: int) -> bool:
    """L1187: «не более 5 минут»."""
    return 1 <= minutes <= CHECKLIST_MAX_MINUTES
