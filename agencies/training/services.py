"""Writes of training (§9.2, seed 003 L1377–1385): the yearly programme, its approval by the
head, and the sessions held. The rules are checked here once for the pages, the API and the
admin: at most seven attendees (L1383, an eighth is refused), a length outside 1–1.5 hours
recorded with a warning (L1383, a recommendation), a session outside the approved programme
recorded and marked."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Person
from agencies.training import notices, permissions, rules, selectors
from agencies.training.choices import (
    DURATION_RECOMMENDED_MAX,
    DURATION_RECOMMENDED_MIN,
    PROGRAMME_TOPICS_MAX,
    SESSION_ATTENDEES_MAX,
    TOPIC_REMINDER_WORKING_DAYS,
    ProgrammeStatus,
    TargetGroup,
)
from agencies.training.models import (
    ProgrammeTopic,
    TrainingAttendance,
    TrainingProgramme,
    TrainingSession,
)
from core import calendar, notifications
from core.exceptions import ApplicationError, ConflictError
from core.models import Notice
from core.services import check_permission, full_clean_or_raise

EDIT_DENIED = _(
    "Программу обучения и занятия ведут сотрудник кадровой службы и 5S-команда этого "
    "ОИВ ЯО / СППО (пункт 9.2 методических рекомендаций) или администратор."
)


@dataclass(frozen=True)
class TopicRow:
    """One row of the programme's grid: a topic, its target group, its date in the schedule."""

    title: str
    target_group: str
    planned_on: datetime.date


class GridError(ApplicationError):
    """A refusal of a grid: `rows` maps a row's index to its messages per field."""

    def __init__(self, message: str, rows: dict[int, dict[str, str]]):
        super().__init__(message, details={})
        self.rows = rows


def _check_topics(year: int, topics: Sequence[TopicRow]) -> list[TopicRow]:
    rows: dict[int, dict[str, str]] = {}
    seen: dict[str, int] = {}
    for index, topic in enumerate(topics):
        errors = {}
        if not rules.topic_key(topic.title):
            errors["title"] = _("Укажите тему занятия.")
        elif rules.topic_key(topic.title) in seen:
            errors["title"] = _("Эта тема уже есть в программе (строка %(row)s).") % {
                "row": seen[rules.topic_key(topic.title)] + 1
            }
        else:
            seen[rules.topic_key(topic.title)] = index
        if topic.planned_on.year != year:
            errors["planned_on"] = _(
                "Программа обучения составляется на календарный год (пункт 9.2): срок должен "
                "быть в %(year)s году."
            ) % {"year": year}
        if topic.target_group not in TargetGroup.values:
            errors["target_group"] = _("Выберите целевую группу.")
        if errors:
            rows[index] = errors
    if len(topics) > PROGRAMME_TOPICS_MAX:
        raise ApplicationError(
            _("В программе не более %(n)s тем.") % {"n": PROGRAMME_TOPICS_MAX},
            details={"topics": _("Слишком много тем.")},
        )
    if rows:
        raise GridError(_("Программа обучения не сохранена: проверьте строки."), rows)
    return list(topics)


def _save_topics(programme: TrainingProgramme, topics: Sequence[TopicRow]) -> None:
    programme.topics.all().delete()
    ProgrammeTopic.objects.bulk_create(
        [
            ProgrammeTopic(
                programme=programme,
                position=index + 1,
                title=" ".join(topic.title.split()),
                target_group=topic.target_group,
                planned_on=topic.planned_on,
            )
            for index, topic in enumerate(topics)
        ]
    )


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    agency: Agency,
    year: int,
    hr_person: Person | None = None,
    topics: Sequence[TopicRow] = (),
) -> TrainingProgramme:
    """The agency's programme for the calendar year (L1385), with its topics and schedule
    (L1381). One per agency and year."""
    check_permission(permissions.can_edit_training(actor, agency.pk), EDIT_DENIED)
    if hr_person is not None and hr_person.agency_id != agency.pk:
        raise ApplicationError(
            _("Программа обучения не сохранена: проверьте поля."),
            details={
                "hr_person": _("Сотрудник кадровой службы должен работать в этом ОИВ ЯО / СППО.")
            },
        )
    if TrainingProgramme.objects.filter(agency=agency, year=year).exists():
        raise ApplicationError(
            _("Программа обучения не сохранена: проверьте поля."),
            details={"year": _("Программа обучения на этот год уже есть.")},
        )
    topics = _check_topics(year, topics)
    programme = TrainingProgramme(agency=agency, year=year, hr_person=hr_person)
    full_clean_or_raise(programme, message=_("Программа обучения не сохранена: проверьте поля."))
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError as error:  # the same year saved a moment ago
        raise ApplicationError(
            _("Программа обучения не сохранена: проверьте поля."),
            details={"year": _("Программа обучения на этот год уже есть.")},
        ) from error
    _save_topics(programme, topics)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: TrainingProgramme,
    topics: Sequence[TopicRow],
    hr_person: Person | None = None,
) -> TrainingProgramme:
    """Replace a draft programme's topics (the grid) and its HR employee. An approved programme
    is not changed (409)."""
    check_permission(permissions.can_edit_training(actor, programme.agency_id), EDIT_DENIED)
    programme = TrainingProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.is_approved:
        raise ConflictError(_("Программа обучения утверждена и не изменяется."))
    if hr_person is not None and hr_person.agency_id != programme.agency_id:
        raise ApplicationError(
            _("Программа обучения не сохранена: проверьте поля."),
            details={
                "hr_person": _("Сотрудник кадровой службы должен работать в этом ОИВ ЯО / СППО.")
            },
        )
    topics = _check_topics(programme.year, topics)
    programme.hr_person = hr_person
    programme.save(update_fields=["hr_person"])
    _save_topics(programme, topics)
    return programme


@transaction.atomic
def programme_approve(
    *, actor: Any, programme: TrainingProgramme, approved_on: datetime.date | None = None
) -> TrainingProgramme:
    """The head approves the programme (L1385); an administrator on the head's behalf. The
    sessions of that year already recorded on a topic of the programme join it."""
    agency = programme.agency
    check_permission(
        permissions.can_approve_programme(actor, agency),
        _("Программу обучения утверждает руководитель ОИВ ЯО или СППО (пункт 9.2)."),
    )
    programme = TrainingProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.is_approved:
        raise ConflictError(_("Программа обучения уже утверждена."))
    topics = list(programme.topics.all())
    if not topics:
        raise ApplicationError(
            _("Программа обучения не утверждена."),
            details={"topics": _("В программе нет ни одной темы занятий (пункт 9.2).")},
        )
    approved_on = approved_on or calendar.today()
    programme.status = ProgrammeStatus.APPROVED
    programme.approved_on = approved_on
    programme.approver = agency.head
    programme.approved_by = actor
    programme.save(update_fields=["status", "approved_on", "approver", "approved_by"])
    by_key = {rules.topic_key(topic.title): topic for topic in topics}
    for session in TrainingSession.objects.filter(
        agency_id=programme.agency_id, date__year=programme.year, programme_topic__isnull=True
    ):
        topic = by_key.get(rules.topic_key(session.topic))
        if topic is not None:
            session.programme_topic = topic
            session.target_group = topic.target_group
            session.save(update_fields=["programme_topic", "target_group"])
    return programme


@dataclass
class SessionInput:
    agency: Agency
    date: datetime.date
    topic: str
    duration_hours: Decimal
    attendees: Sequence[Person]
    trainer: str = ""
    target_group: str | None = None
    programme_topic: ProgrammeTopic | None = None
    warnings: list[str] = field(default_factory=list)


def attendees_limit_message(count: int) -> str:
    return _(
        "На занятии не более %(max)s обучающихся (пункт 9.2 методических рекомендаций: "
        "«Количество обучающихся не должно превышать 5 - 7 человек»); указано: %(count)s."
    ) % {"max": SESSION_ATTENDEES_MAX, "count": count}


def duration_warning(hours: Decimal) -> str:
    return _(
        "Рекомендуемая длительность занятия — %(min)s–%(max)s часа (пункт 9.2); указано: "
        "%(hours)s ч. Занятие внесено."
    ) % {
        "min": f"{DURATION_RECOMMENDED_MIN:g}".replace(".", ","),
        "max": f"{DURATION_RECOMMENDED_MAX:g}".replace(".", ","),
        "hours": f"{hours.normalize():f}".replace(".", ","),
    }


def _session_errors(data: SessionInput, people: list[Person]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.date > calendar.today():
        errors["date"] = _(
            "Занятие вносится после того, как оно проведено; будущие занятия указываются в "
            "графике программы обучения."
        )
    if not rules.topic_key(data.topic) and data.programme_topic is None:
        errors["topic"] = _("Укажите тему занятия.")
    if not people:
        errors["attendees"] = _("Укажите обучающихся.")
    elif rules.attendees_over_limit(len(people)):
        errors["attendees"] = attendees_limit_message(len(people))
    else:
        outsiders = [person for person in people if person.agency_id != data.agency.pk]
        if outsiders:
            errors["attendees"] = _("Не сотрудники этого ОИВ ЯО / СППО: %(names)s.") % {
                "names": ", ".join(person.full_name for person in outsiders)
            }
    if data.target_group is not None and data.target_group not in TargetGroup.values:
        errors["target_group"] = _("Выберите целевую группу.")
    return errors


@transaction.atomic
def session_record(*, actor: Any, data: SessionInput) -> TrainingSession:
    """Record a session held (L1383). Refused (nothing saved): more than seven attendees, none,
    people of another agency, a date still to come. Recorded with a warning in
    `data.warnings`: a length outside 1–1.5 hours. A topic of the agency's approved programme
    of that year links the session to it; any other is recorded «вне программы»."""
    check_permission(permissions.can_edit_training(actor, data.agency.pk), EDIT_DENIED)
    people = list({person.pk: person for person in data.attendees}.values())
    errors = _session_errors(data, people)
    topics = selectors.approved_topics(agency_id=data.agency.pk, year=data.date.year)
    topic = data.programme_topic
    if topic is not None and topic.pk not in {t.pk for t in topics}:
        errors["programme_topic"] = _(
            "Тема не из утверждённой программы обучения этого ОИВ ЯО / СППО на %(year)s год."
        ) % {"year": data.date.year}
    if errors:
        raise ApplicationError(_("Занятие не внесено: проверьте поля."), details=errors)
    if topic is None:
        topic = {rules.topic_key(t.title): t for t in topics}.get(rules.topic_key(data.topic))
    session = TrainingSession(
        agency=data.agency,
        date=data.date,
        topic=topic.title if topic is not None else " ".join(data.topic.split()),
        programme_topic=topic,
        target_group=(
            topic.target_group if topic is not None else (data.target_group or TargetGroup.EVERYONE)
        ),
        trainer=data.trainer.strip(),
        duration_hours=data.duration_hours,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    full_clean_or_raise(session, message=_("Занятие не внесено: проверьте поля."))
    session.save()
    TrainingAttendance.objects.bulk_create(
        [TrainingAttendance(session=session, person=person) for person in people]
    )
    if rules.duration_outside_recommendation(data.duration_hours):
        data.warnings.append(duration_warning(data.duration_hours))
    return session


@transaction.atomic
def session_delete(*, actor: Any, session: TrainingSession) -> None:
    """Remove a session recorded by mistake (its attendees' records go with it)."""
    check_permission(permissions.can_edit_training(actor, session.agency_id), EDIT_DENIED)
    session.delete()


# --- Reminders of the schedule (L1381 «график обучения») ----------------------------------


@transaction.atomic
def training_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the team leader and the HR employee of a topic of an approved programme whose
    date in the schedule comes within a few working days, or has passed, with no session held
    on it; once per topic, recipient and date (core.notifications). The daily beat task calls
    this; running it twice sends nothing twice. Returns the number of new notices."""
    today = today or calendar.today()
    horizon = calendar.add_working_days(today, TOPIC_REMINDER_WORKING_DAYS)
    due = list(
        ProgrammeTopic.objects.filter(
            programme__status=ProgrammeStatus.APPROVED,
            planned_on__lte=horizon,
            planned_on__year=today.year,
            sessions__isnull=True,
        ).select_related("programme__agency", "programme__hr_person__user")
    )
    leaders = selectors.leader_users([topic.programme.agency_id for topic in due])
    before = Notice.objects.filter(kind=notices.TOPIC_DUE).count()
    for topic in due:
        recipients = list(leaders.get(topic.programme.agency_id, []))
        hr_person = topic.programme.hr_person
        if hr_person is not None and hr_person.user is not None:
            recipients.append(hr_person.user)
        notifications.notify(
            kind=notices.TOPIC_DUE, subject=topic, recipients=recipients, due_on=topic.planned_on
        )
    return Notice.objects.filter(kind=notices.TOPIC_DUE).count() - before
