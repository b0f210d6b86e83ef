"""Who enters and reads the IT department's data for criterion 4.3 (§8.4, L1337).

- it_department: enters the monthly record of every agency, one by one or as one workbook;
- working_group_head and administrator: enter it on the department's behalf (the record says
  who entered it) and read it;
- the governor's office and the working group's auditors: read it (it is part of the final
  sheet they see);
- agencies' own people: nothing here (their final sheet shows the month and score used).
"""

from audits.permissions import is_group_head
from core.permissions import has_role, is_administrator
from core.roles import Role


def can_enter_it_data(user) -> bool:
    return has_role(user, Role.IT_DEPARTMENT) or is_group_head(user) or is_administrator(user)


def can_view_it_data(user) -> bool:
    return can_enter_it_data(user) or has_role(
        user, Role.GOVERNOR_OFFICE, Role.WORKING_GROUP_HEAD, Role.WORKING_GROUP_AUDITOR
    )
