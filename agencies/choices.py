from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """§1.2: the programme covers executive bodies and subdivisions of the Government apparatus."""

    EXECUTIVE_BODY = "executive_body", _("Орган исполнительной власти (ОИВ ЯО)")
    APPARATUS_SUBDIVISION = (
        "apparatus_subdivision",
        _("Структурное подразделение аппарата Правительства области (СППО)"),
    )


class DeploymentState(models.TextChoices):
    """§3.2: preparation, deployment of the five steps, then functioning."""

    PREPARING = "preparing", _("Подготовка к развёртыванию")
    DEPLOYING = "deploying", _("Развёртывание")
    FUNCTIONING = "functioning", _("Функционирование")


class CouncilRole(models.TextChoices):
    """A place on the council at the Governor assessing the executive bodies (§1.4.27, seed 003
    L163). Its members may not sit on a 5S team (§4.3, L415); the secretary receives the lists
    of problem questions after steps 1 and 4 (L765, L1065) and is taken as one of the council
    (no member of it may be on a team)."""

    MEMBER = "member", _("Член совета")
    SECRETARY = "secretary", _("Секретарь совета")


class PositionLevel(models.TextChoices):
    """How senior a person's position is, for the rule on the 5S-team leader (§4.2, L379: «не
    ниже начальника отдела в СППО или председателя комитета в ОИВ ЯО (при отсутствии в
    структуре ОИВ ЯО комитетов – не ниже начальника отдела)»). In the order of POSITION_RANKS."""

    BELOW_DEPARTMENT_HEAD = "below_department_head", _("Ниже начальника отдела")
    DEPARTMENT_HEAD = "department_head", _("Начальник отдела")
    COMMITTEE_CHAIR = "committee_chair", _("Председатель комитета")
    DEPUTY_HEAD = "deputy_head", _("Заместитель руководителя ОИВ ЯО / СППО")
    HEAD = "head", _("Руководитель ОИВ ЯО / СППО")


# Seniority, lowest first: a position «не ниже» another has an equal or higher rank (L379).
POSITION_RANKS = {
    PositionLevel.BELOW_DEPARTMENT_HEAD: 0,
    PositionLevel.DEPARTMENT_HEAD: 1,
    PositionLevel.COMMITTEE_CHAIR: 2,
    PositionLevel.DEPUTY_HEAD: 3,
    PositionLevel.HEAD: 4,
}

STEP_COUNT = 5
# §4.3: a 5S team has at least five employees, the leader included.
TEAM_MIN_SIZE = 5
# §4.3: the recommended ratio of staff headcount to team size is 10:1 ...
TEAM_STAFF_RATIO = 10
# ... and it does not apply below 50 staff; a subdivision (СППО) that small joins a team of
# several subdivisions curated by one deputy governor.
TEAM_RATIO_MIN_HEADCOUNT = 50


class RoomKind(models.TextChoices):
    """Kinds of the parts of the workspace: §1.4.25 (seed 003, L159) lists «рабочие кабинеты,
    комнаты для совещаний, архивы и прочие хранилища, подсобные помещения, холлы, комнаты для
    отдыха и питания, коридоры, лестничные пролёты, туалетные комнаты»; Appendix 24 (L4693)
    adds «склад». Appendix 7 names a part by «№ кабинета, вид помещения» (L3381)."""

    OFFICE = "office", _("Рабочий кабинет")
    MEETING_ROOM = "meeting_room", _("Комната для совещаний")
    ARCHIVE = "archive", _("Архив")
    STORAGE = "storage", _("Склад, прочее хранилище")
    UTILITY = "utility", _("Подсобное помещение")
    HALL = "hall", _("Холл")
    REST_ROOM = "rest_room", _("Комната для отдыха и питания")
    CORRIDOR = "corridor", _("Коридор")
    STAIRCASE = "staircase", _("Лестничный пролёт")
    TOILET = "toilet", _("Туалетная комната")
    OTHER = "other", _("Другое помещение")


# Criterion 3.6 of Appendix 2 (L1995) counts these as common areas («мест общего пользования
# (комнат для совещаний, архивов и прочих хранилищ, подсобных помещений, холлов, коридоров,
# лестничных пролётов, туалетных комнат)»): a new room of such a kind is a common area unless
# the person says otherwise.
COMMON_AREA_KINDS = frozenset(
    {
        RoomKind.MEETING_ROOM,
        RoomKind.ARCHIVE,
        RoomKind.STORAGE,
        RoomKind.UTILITY,
        RoomKind.HALL,
        RoomKind.REST_ROOM,
        RoomKind.CORRIDOR,
        RoomKind.STAIRCASE,
        RoomKind.TOILET,
    }
)
# The longest room name or number (Appendix 7's «№ кабинета» cell) and the largest area, m².
ROOM_NAME_MAX_LENGTH = 100
ROOM_AREA_MAX = 99999
# A team name that already says «5S-команда» (any case, with or without the hyphen): headings
# then show the name alone instead of «5S-команда «…»» (FiveSTeam.caption).
TEAM_WORD = "5sкоманд"
