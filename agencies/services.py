"""Writes for agencies, people, 5S teams and the working group.

The 5S-team composition rules of §4.3 are checked here, once, for the form, the API, the admin
and the demo loader alike. Errors stop the save (ApplicationError with a message per field);
the 10:1 staff-to-team ratio is only a recommendation and comes back as a warning.
"""

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import team_rules
from agencies.choices import (
    COMMON_AREA_KINDS,
    TEAM_MIN_SIZE,
    TEAM_RATIO_MIN_HEADCOUNT,
    TEAM_STAFF_RATIO,
    AgencyKind,
    RoomKind,
)
from agencies.models import (
    Agency,
    FiveSTeam,
    Person,
    Room,
    TeamMembership,
    WorkingGroup,
    WorkingGroupMembership,
)
from agencies.permissions import (
    can_create_team,
    can_manage_people,
    can_manage_rooms,
    can_manage_team,
    can_manage_working_group,
    can_name_rooms,
)
from agencies.selectors import people_on_working_group
from agencies.training import selectors as training_selectors
from core.exceptions import ApplicationError
from core.identity import forget_all_identities
from core.services import check_permission, full_clean_or_raise, update_from


@dataclass
class TeamComposition:
    name: str
    agencies: list
    leader: Person
    members: list  # people besides (or including) the leader
    period_start: datetime.date
    period_end: datetime.date | None = None
    order_number: str = ""
    order_date: datetime.date | None = None
    deployment_start: datetime.date | None = None
    storage_keeper: Person | None = None
    warnings: list = field(default_factory=list)

    @property
    def people(self):
        seen: dict[int, Person] = {}
        for person in [self.leader, *self.members]:
            seen.setdefault(person.pk, person)
        return list(seen.values())


def _names(people):
    return ", ".join(person.full_name for person in people)


def team_composition_check(composition: TeamComposition, *, team=None):
    """Errors (by field) and warnings for a proposed team, per §4.3 of the recommendations."""
    errors = {}
    warnings = []
    agencies = list(composition.agencies)
    people = composition.people
    agency_ids = {agency.pk for agency in agencies}

    if not agencies:
        errors["agencies"] = _("Укажите ОИВ ЯО или СППО, для которого образуется 5S-команда.")
    elif len(agencies) > 1:
        if any(agency.kind != AgencyKind.APPARATUS_SUBDIVISION for agency in agencies):
            errors["agencies"] = _(
                "5S-команду из нескольких подразделений могут образовать только СППО; "
                "ОИВ ЯО образует собственную 5S-команду."
            )
        elif len({agency.curator_id for agency in agencies}) != 1 or agencies[0].curator_id is None:
            errors["agencies"] = _(
                "Подразделения одной 5S-команды должны курироваться одним заместителем "
                "Губернатора области."
            )
    else:
        agency = agencies[0]
        if agency.is_subdivision and agency.staff_headcount < TEAM_RATIO_MIN_HEADCOUNT:
            errors["agencies"] = _(
                "Штатная численность СППО «%(agency)s» — %(count)s чел., менее %(min)s: "
                "5S-команда формируется из состава нескольких СППО, курируемых одним "
                "заместителем Губернатора области."
            ) % {
                "agency": agency.short_name,
                "count": agency.staff_headcount,
                "min": TEAM_RATIO_MIN_HEADCOUNT,
            }

    if len(people) < TEAM_MIN_SIZE:
        errors["members"] = _(
            "В 5S-команде должно быть не менее %(min)s сотрудников, включая лидера; сейчас — "
            "%(count)s."
        ) % {"min": TEAM_MIN_SIZE, "count": len(people)}

    outsiders = [person for person in people if person.agency_id not in agency_ids]
    if agency_ids and outsiders:
        errors.setdefault(
            "members",
            _("Сотрудники не из ОИВ ЯО / СППО этой 5S-команды: %(names)s.")
            % {"names": _names(outsiders)},
        )

    # L381, L413: the leader and members are trained. A person's training record is the course
    # date on their record or a session of the agency's programme attended (§9.2).
    trained = training_selectors.trained_person_ids(people)
    untrained = [person for person in people if person.pk not in trained]
    if untrained:
        message = _("Не прошли обучение по программе «Система 5S»: %(names)s.") % {
            "names": _names(untrained)
        }
        if composition.leader.pk not in trained:
            errors["leader"] = _(
                "Лидер 5S-команды должен пройти обучение по программе «Система 5S»."
            )
        errors.setdefault("members", message)

    on_council = [person for person in people if team_rules.barred_by_council(person.council_role)]
    if on_council:
        errors["members"] = _(
            "В состав 5S-команды не могут быть включены члены совета при Губернаторе области "
            "(пункт 4.3 методических рекомендаций): %(names)s."
        ) % {"names": _names(on_council)}

    leader = composition.leader
    leader_is_new = team is None or team.leader_id != leader.pk
    if leader_is_new and not team_rules.leader_level_sufficient(
        leader.position_level,
        agency_kind=leader.agency.kind,
        has_committees=leader.agency.has_committees,
    ):
        required = team_rules.leader_min_level(
            agency_kind=leader.agency.kind, has_committees=leader.agency.has_committees
        )
        errors.setdefault(
            "leader",
            _(
                "Лидер 5S-команды должен занимать должность не ниже начальника отдела в СППО или "
                "председателя комитета в ОИВ ЯО (при отсутствии в структуре ОИВ ЯО комитетов – не "
                "ниже начальника отдела), пункт 4.2 методических рекомендаций. Здесь нужен уровень "
                "не ниже «%(required)s»; у %(name)s — «%(level)s»."
            )
            % {
                "required": required.label,
                "name": leader.full_name,
                "level": leader.get_position_level_display() or _("не указан"),
            },
        )

    on_group = people_on_working_group([person.pk for person in people])
    if on_group:
        names = _names(person for person in people if person.pk in on_group)
        errors["members"] = _(
            "В состав 5S-команды не могут быть включены члены рабочей группы: %(names)s."
        ) % {"names": names}

    keeper = composition.storage_keeper
    if keeper is not None and keeper.agency_id not in agency_ids:
        errors["storage_keeper"] = _(
            "Ответственный за зону временного хранения должен работать в ОИВ ЯО / СППО "
            "этой 5S-команды."
        )

    if composition.period_end and composition.period_end < composition.period_start:
        errors["period_end"] = _("Окончание периода не может быть раньше его начала.")

    other_teams = FiveSTeam.objects.filter(agencies__in=agency_ids)
    if team is not None:
        other_teams = other_teams.exclude(pk=team.pk)
    taken = sorted(
        {
            a.short_name
            for t in other_teams.prefetch_related("agencies")
            for a in t.agencies.all()
            if a.pk in agency_ids
        }
    )
    if taken:
        errors.setdefault(
            "agencies",
            _("У этих ОИВ ЯО / СППО уже есть 5S-команда: %(names)s.") % {"names": ", ".join(taken)},
        )

    headcount = sum(agency.staff_headcount for agency in agencies)
    if headcount >= TEAM_RATIO_MIN_HEADCOUNT and not errors:
        recommended = math.ceil(headcount / TEAM_STAFF_RATIO)
        if len(people) < recommended:
            warnings.append(
                ngettext(
                    "Рекомендуемое соотношение штатной численности к численности 5S-команды — "
                    "10:1: при штатной численности %(headcount)s рекомендуется не менее "
                    "%(recommended)s человека в 5S-команде, сейчас — %(count)s.",
                    "Рекомендуемое соотношение штатной численности к численности 5S-команды — "
                    "10:1: при штатной численности %(headcount)s рекомендуется не менее "
                    "%(recommended)s человек в 5S-команде, сейчас — %(count)s.",
                    recommended,
                )
                % {"headcount": headcount, "recommended": recommended, "count": len(people)}
            )
    return errors, warnings


def _apply(team, composition):
    team.name = composition.name
    team.leader = composition.leader
    team.period_start = composition.period_start
    team.period_end = composition.period_end
    team.order_number = composition.order_number or ""
    team.order_date = composition.order_date
    team.deployment_start = composition.deployment_start
    team.storage_keeper = composition.storage_keeper
    agencies = list(composition.agencies)
    team.curator = agencies[0].curator if len(agencies) > 1 else None
    team.full_clean()
    team.save()
    team.agencies.set(agencies)
    wanted = {person.pk for person in composition.people}
    TeamMembership.objects.filter(team=team).exclude(person_id__in=wanted).delete()
    existing = set(TeamMembership.objects.filter(team=team).values_list("person_id", flat=True))
    TeamMembership.objects.bulk_create(
        [TeamMembership(team=team, person_id=pk) for pk in wanted - existing]
    )
    forget_all_identities()  # bulk_create sends no signal: who works where has changed
    return team


def _validated(composition, team=None):
    errors, warnings = team_composition_check(composition, team=team)
    if errors:
        raise ApplicationError(
            _(
                "Состав 5S-команды не соответствует требованиям пункта 4.3 "
                "методических рекомендаций."
            ),
            details=errors,
        )
    composition.warnings = warnings
    return composition


@transaction.atomic
def team_create(*, actor, composition: TeamComposition):
    """Form a 5S team. Returns (team, warnings)."""
    if not composition.agencies or not all(
        can_create_team(actor, agency) for agency in composition.agencies
    ):
        raise PermissionDenied(_("Вы не можете образовать 5S-команду для этих ОИВ ЯО / СППО."))
    _validated(composition)
    team = _apply(FiveSTeam(), composition)
    return team, composition.warnings


@transaction.atomic
def team_update(*, actor, team: FiveSTeam, composition: TeamComposition):
    """Change a team's composition or order details. Returns (team, warnings)."""
    if not can_manage_team(actor, team):
        raise PermissionDenied(_("Изменять состав 5S-команды может её лидер или администратор."))
    team = FiveSTeam.objects.select_for_update().get(pk=team.pk)
    _validated(composition, team=team)
    return _apply(team, composition), composition.warnings


# What a form or a request may set on an employee record; the agency is fixed when it is made.
PERSON_FIELDS = ("full_name", "position", "trained_on", "position_level", "council_role")


@transaction.atomic
def person_save(*, actor, person: Person, data: dict):
    """Create or change an employee record (name, position and its level, training date, place
    on the council). A member of a 5S team cannot be put on the council (§4.3, L415)."""
    agency = data.get("agency", person.agency if person.pk else None)
    if agency is None or not can_manage_people(actor, agency):
        raise PermissionDenied(_("Вы не можете изменять список сотрудников этого ОИВ ЯО / СППО."))
    update_from(person, data, PERSON_FIELDS)
    if person.pk is None and "agency" in data:
        person.agency = data["agency"]
    if (
        person.pk
        and team_rules.barred_by_council(person.council_role)
        and TeamMembership.objects.filter(person=person).exists()
    ):
        raise ApplicationError(
            _("Сотрудник не сохранён: проверьте поля."),
            details={
                "council_role": _(
                    "Сотрудник входит в 5S-команду: члены совета при Губернаторе области не могут "
                    "входить в её состав (пункт 4.3 методических рекомендаций)."
                )
            },
        )
    full_clean_or_raise(person, message=_("Сотрудник не сохранён: проверьте поля."))
    person.save()
    return person


@transaction.atomic
def working_group_update(*, actor, group: WorkingGroup, head: Person, members: list):
    """Set the working group's head and members; nobody on a 5S team may sit on it (§4.3)."""
    if not can_manage_working_group(actor):
        raise PermissionDenied(_("Изменять состав рабочей группы может администратор."))
    people = {person.pk: person for person in [head, *members]}
    on_teams = list(Person.objects.filter(pk__in=people, memberships__isnull=False).distinct())
    if on_teams:
        raise ApplicationError(
            _("Состав рабочей группы не сохранён."),
            details={
                "members": _("Члены 5S-команд не могут входить в рабочую группу: %(names)s.")
                % {"names": _names(on_teams)}
            },
        )
    group.head = head
    group.full_clean()
    group.save()
    WorkingGroupMembership.objects.filter(group=group).exclude(person_id__in=people).delete()
    existing = set(group.memberships.values_list("person_id", flat=True))
    WorkingGroupMembership.objects.bulk_create(
        [WorkingGroupMembership(group=group, person_id=pk) for pk in people.keys() - existing]
    )
    return group


# --- rooms (§1.4.25, Appendix 7) -----------------------------------------------------------

# What a person may set on a room; the agency is fixed when the room is made.
ROOM_FIELDS = ("name", "kind", "area", "common_area", "single_workplace")


def room_name_normalised(name: str) -> str:
    """A room as people type it: «  каб.  101 » and «каб. 101» are one room."""
    return " ".join((name or "").split())


def _duplicate_room_error() -> ApplicationError:
    return ApplicationError(
        _("Помещение не сохранено: проверьте поля."),
        details={"name": _("Помещение с таким номером или наименованием уже есть.")},
    )


def _room_named(agency_id: int, name: str, *, other_than: int | None = None) -> Room | None:
    """The agency's room of that name ignoring case. Compared in Python: SQLite's `iexact`
    folds only ASCII letters, so «КАБ. 101» would not find «каб. 101» in the embedded set-up."""
    wanted = name.casefold()
    rooms = Room.objects.filter(agency_id=agency_id).order_by("pk")
    if other_than is not None:
        rooms = rooms.exclude(pk=other_than)
    return next((room for room in rooms if room.name.casefold() == wanted), None)


def _room_saved(room: Room) -> Room:
    if _room_named(room.agency_id, room.name, other_than=room.pk) is not None:
        raise _duplicate_room_error()
    full_clean_or_raise(room, message=_("Помещение не сохранено: проверьте поля."))
    try:
        with transaction.atomic():
            room.save()
    except IntegrityError as error:  # the same name saved a moment ago by someone else
        raise _duplicate_room_error() from error
    return room


@transaction.atomic
def room_create(
    *,
    actor,
    agency: Agency,
    name: str,
    kind: str = RoomKind.OFFICE,
    area: Decimal | None = None,
    common_area: bool | None = None,
    single_workplace: bool = False,
) -> Room:
    """Add a room to the agency's list. `common_area` left out follows the kind (criterion
    3.6's list of common areas, L1995)."""
    check_permission(
        can_manage_rooms(actor, agency),
        _("Изменять список помещений может 5S-команда этого ОИВ ЯО / СППО или администратор."),
    )
    if common_area is None:
        common_area = kind in COMMON_AREA_KINDS
    room = Room(
        agency=agency,
        name=room_name_normalised(name),
        kind=kind,
        area=area,
        common_area=common_area,
        single_workplace=single_workplace,
    )
    return _room_saved(room)


@transaction.atomic
def room_update(*, actor, room: Room, data: Mapping[str, Any]) -> Room:
    """Change a room's name, kind, area or flags (only the fields in ROOM_FIELDS)."""
    check_permission(
        can_manage_rooms(actor, room.agency),
        _("Изменять список помещений может 5S-команда этого ОИВ ЯО / СППО или администратор."),
    )
    room = Room.objects.select_for_update().select_related("agency").get(pk=room.pk)
    if "name" in data:
        data = {**data, "name": room_name_normalised(data["name"])}
    changed = update_from(room, data, ROOM_FIELDS)
    if changed:
        _room_saved(room)
    return room


@transaction.atomic
def room_get_or_create(*, actor, agency: Agency, name: str) -> Room:
    """The agency's room of that name, created when a person types one the list does not have
    yet (the red-tag and sorting forms). Matching ignores case and extra spaces."""
    check_permission(
        can_name_rooms(actor, agency),
        _("Вы не можете указывать помещения этого ОИВ ЯО / СППО."),
    )
    name = room_name_normalised(name)
    if not name:
        raise ApplicationError(
            _("Укажите номер кабинета или наименование помещения."),
            details={"name": _("Обязательное поле.")},
        )
    existing = _room_named(agency.pk, name)
    if existing is not None:
        return existing
    room = Room(agency=agency, name=name)
    # Uniqueness is left to the database: checked here, it would refuse the second of two forms
    # naming a new room at once instead of giving it the room the first one made.
    full_clean_or_raise(
        room,
        message=_("Помещение не сохранено: проверьте поля."),
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            room.save()
    except IntegrityError:  # typed in two forms at once: both get the one room
        return Room.objects.get(agency=agency, name=name)
    return room
