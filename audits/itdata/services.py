"""Writes of the IT department's data (criterion 4.3, §8.4 L1337)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency
from audits.itdata import permissions
from audits.itdata.workbook import parse_workbook
from audits.models import ITStandardRecord
from core import calendar
from core.exceptions import ApplicationError
from core.periods import format_month, month_start
from core.services import check_permission
from core.validators import PROGRAMME_START


def _check_month(month: datetime.date) -> datetime.date:
    """A month of the programme up to the current one: the department reports a month at its
    end (its last working day), so a later month has nothing to report yet."""
    month = month_start(month)
    if month < month_start(PROGRAMME_START) or month > month_start(calendar.today()):
        raise ApplicationError(
            _("Месяц должен лежать между 08.2011 и текущим месяцем."),
            details={"month": _("Месяц должен лежать между 08.2011 и текущим месяцем.")},
        )
    return month


def _check_numbers(workplaces: int, compliant: int) -> None:
    errors = {}
    if workplaces < 1:
        errors["workplaces"] = _("Рабочих мест должно быть не меньше 1.")
    if compliant < 0:
        errors["compliant"] = _("Число не может быть отрицательным.")
    elif compliant > workplaces:
        errors["compliant"] = _(
            "Соответствующих ИТ-стандарту рабочих мест не может быть больше, чем рабочих мест."
        )
    if errors:
        raise ApplicationError(_("Данные не сохранены: проверьте поля."), details=errors)


def _store(*, actor, agency_id: int, month: datetime.date, workplaces: int, compliant: int):
    # update_or_create locks an existing row and, when two first reports race, retries the
    # read after the unique constraint refuses the second insert: one record either way.
    record, _created = ITStandardRecord.objects.update_or_create(
        agency_id=agency_id,
        month=month,
        defaults={"workplaces": workplaces, "compliant": compliant, "entered_by": actor},
    )
    return record


def it_record_save(
    *, actor, agency: Agency, month: datetime.date, workplaces: int, compliant: int
) -> ITStandardRecord:
    """Record an agency's month; a second record for the same agency and month replaces the
    numbers of the first (its history keeps them)."""
    check_permission(
        permissions.can_enter_it_data(actor),
        _("Данные о соответствии ИТ-стандарту вносит департамент информатизации и связи."),
    )
    month = _check_month(month)
    _check_numbers(workplaces, compliant)
    with transaction.atomic():
        return _store(
            actor=actor,
            agency_id=agency.pk,
            month=month,
            workplaces=workplaces,
            compliant=compliant,
        )


def it_records_import(*, actor, month: datetime.date, content: bytes) -> list[ITStandardRecord]:
    """The month's workbook for all agencies, all rows or none."""
    check_permission(
        permissions.can_enter_it_data(actor),
        _("Данные о соответствии ИТ-стандарту вносит департамент информатизации и связи."),
    )
    month = _check_month(month)
    rows = parse_workbook(content)
    with transaction.atomic():
        return [
            _store(
                actor=actor,
                agency_id=row.agency_id,
                month=month,
                workplaces=row.workplaces,
                compliant=row.compliant,
            )
            for row in sorted(rows, key=lambda row: row.agency_id)
        ]


REMINDER_KIND = "audits.it_standard_due"


def render_reminder(notice):
    """The text of the monthly reminder (for core.notifications)."""
    from django.urls import reverse

    from core.notifications import NoticeText, absolute_url

    due_on = notice.due_on or calendar.today()
    month = format_month(month_start(due_on))
    url = absolute_url(f"{reverse('audits:it-standard')}?month={month}")
    return NoticeText(
        subject=_("Данные о соответствии рабочих мест ИТ-стандарту за %(month)s")
        % {"month": month},
        body=_(
            "Сегодня, в последний рабочий день месяца, департамент информатизации и связи "
            "предоставляет руководителю рабочей группы информацию по каждому ОИВ ЯО и СППО "
            "о соответствии рабочих мест утверждённому ИТ-стандарту (п. 8.4 Методических "
            "рекомендаций). Внесите данные за %(month)s: %(url)s"
        )
        % {"month": month, "url": url},
        url=url,
    )


def it_reminders_send(*, today: datetime.date | None = None) -> int:
    """On the month's last working day (§8.4, L1337) every active user of the IT department's
    role is reminded once (the notice is keyed by its recipient and that day). Returns the
    number of people reminded; 0 on any other day."""
    from django.contrib.auth import get_user_model

    from core import notifications
    from core.roles import Role

    today = today or calendar.today()
    if today != calendar.last_working_day_of_month(today):
        return 0
    users = list(
        get_user_model().objects.filter(groups__name=Role.IT_DEPARTMENT, is_active=True).distinct()
    )
    with transaction.atomic():
        for user in users:
            notifications.notify(kind=REMINDER_KIND, subject=user, recipients=[user], due_on=today)
    return len(users)
