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


STEP_COUNT = 5
# §4.3: a 5S team has at least five employees, the leader included.
TEAM_MIN_SIZE = 5
# §4.3: the recommended ratio of staff headcount to team size is 10:1 ...
TEAM_STAFF_RATIO = 10
# ... and it does not apply below 50 staff; a subdivision (СППО) that small joins a team of
# several subdivisions curated by one deputy governor.
TEAM_RATIO_MIN_HEADCOUNT = 50
