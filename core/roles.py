"""The portal's roles. Each is a Django group created by a data migration (core 0001)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Администратор портала")
    GOVERNOR_OFFICE = "governor_office", _("Аппарат Губернатора области")
    WORKING_GROUP_HEAD = "working_group_head", _("Руководитель рабочей группы")
    WORKING_GROUP_AUDITOR = "working_group_auditor", _("Член рабочей группы (аудитор)")
    TEAM_LEADER = "team_leader", _("Лидер 5S-команды")
    TEAM_MEMBER = "team_member", _("Член 5S-команды")
    EMPLOYEE = "employee", _("Сотрудник")
    # Gives the monthly state of workplaces against the IT standard (§8.4, L1337; criterion 4.3).
    IT_DEPARTMENT = "it_department", _("Департамент информатизации и связи")
    # Reads the agencies they curate and approves a СППО's corrective-action plan (Appendix 30,
    # L5027) and deployment order (L439); linked through agencies.Curator.person.
    CURATOR = "curator", _("Заместитель Губернатора, курирующий СППО")


# Roles that look at the whole region rather than one agency.
REGION_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.GOVERNOR_OFFICE,
        Role.WORKING_GROUP_HEAD,
        Role.WORKING_GROUP_AUDITOR,
    }
)
# Roles bound to the user's own agency (and the agencies of their 5S team).
AGENCY_ROLES = frozenset({Role.TEAM_LEADER, Role.TEAM_MEMBER, Role.EMPLOYEE})
