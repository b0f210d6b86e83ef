"""The notices of step 3, sent through `core.notifications` (kinds registered from
`StandardsConfig.ready()` through `standards.shine.registration`).

- `standards.cleaning_date_missed`: a planned date of a signed cleaning schedule passed without
  an actual date (Appendix 25; L1017 «отмечая в них даты фактического исполнения») — to the
  employees the schedule names and the head of the department.
- `standards.cleaning_measure_overdue`: a measure of the analysis of places needing cleaning
  passed its planned date without an actual date (Appendix 23; L1019) — to the team member who
  checks the measures.
- `standards.cleaning_to_sign`: a form of step 3 waits for the signature of the person named
  for it (Appendices 24, 25).
- `standards.general_cleaning_announced`: the date and time of the general cleaning agreed by
  the head (L1037 «уведомить сотрудников … о дате и времени проведения генеральной уборки»).
"""

from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Notice
from core.notifications import NoticeText

DATE_MISSED = "standards.cleaning_date_missed"
DATE_MISSED_LABEL = gettext_lazy("Дата уборки по графику прошла без отметки о выполнении")
MEASURE_OVERDUE = "standards.cleaning_measure_overdue"
MEASURE_OVERDUE_LABEL = gettext_lazy("Мероприятие анализа мест, требующих уборки, просрочено")
TO_SIGN = "standards.cleaning_to_sign"
TO_SIGN_LABEL = gettext_lazy("Форма шага 3 ждёт подписи")
GENERAL_CLEANING = "standards.general_cleaning_announced"
GENERAL_CLEANING_LABEL = gettext_lazy("Назначена генеральная уборка-проверка")


def render_date_missed(notice: Notice) -> NoticeText:
    schedule = notice.subject
    day = notice.due_on.strftime("%d.%m.%Y") if notice.due_on else ""
    return NoticeText(
        subject=_("Уборка %(date)s не отмечена: %(schedule)s")
        % {"date": day, "schedule": schedule},
        body=_(
            "По графику уборки «%(schedule)s» на %(date)s запланированы работы, но дата их "
            "фактического выполнения не проставлена. Отметьте её в графике."
        )
        % {"schedule": schedule, "date": day},
        url=schedule.get_absolute_url() if schedule is not None else "",
    )


def render_measure_overdue(notice: Notice) -> NoticeText:
    analysis = notice.subject
    day = notice.due_on.strftime("%d.%m.%Y") if notice.due_on else ""
    return NoticeText(
        subject=_("Просрочено мероприятие по уборке: %(analysis)s") % {"analysis": analysis},
        body=_(
            "В анализе мест, требующих уборки, «%(analysis)s» плановая дата %(date)s прошла, а "
            "фактическая дата выполнения мероприятия не проставлена. Проверьте выполнение."
        )
        % {"analysis": analysis, "date": day},
        url=analysis.get_absolute_url() if analysis is not None else "",
    )


def render_to_sign(notice: Notice) -> NoticeText:
    form = notice.subject
    return NoticeText(
        subject=_("Ждёт вашей подписи: %(form)s") % {"form": form},
        body=_("Форма «%(form)s» ждёт вашей подписи на портале.") % {"form": form},
        url=form.get_absolute_url() if form is not None else "",
    )


def render_general_cleaning(notice: Notice) -> NoticeText:
    cleaning = notice.subject
    assert cleaning is not None
    return NoticeText(
        subject=str(cleaning),
        body=_(
            "Генеральная уборка-проверка: подготовка с %(prep)s, уборка с %(start)s до %(end)s. "
            "Инструктаж — за 15 минут до начала."
        )
        % {
            "prep": localtime(cleaning.preparation_start).strftime("%d.%m.%Y %H:%M"),
            "start": localtime(cleaning.cleaning_start).strftime("%d.%m.%Y %H:%M"),
            "end": localtime(cleaning.cleaning_end).strftime("%d.%m.%Y %H:%M"),
        },
        url=cleaning.get_absolute_url(),
    )
