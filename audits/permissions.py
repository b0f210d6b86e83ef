"""Who may see and do what with audits (§4.10, the Regulation on the working group, §9.3).

- working_group_head: plans audits, enters the IT department's 4.3 value, records collegial
  decisions, finalises (signs) final sheets; reads everything.
- working_group_auditor: sees the audits they are on and writes only their own sheet; another
  auditor's sheet stays closed to them; once the final sheet is signed they may read it (and
  every signed final sheet of the region, as the group monitors all agencies).
- team_leader / team_member / employee: their agency's signed final sheets and its
  corrective-action plans; the team leader drafts the plan and fills in actual dates. The team
  leader and the agency's head (told the date by §5.5) also open its planned audits' pages.
- the head of an ОИВ ЯО (Agency.head, when that person has an account) approves the plan; an
  administrator may record that approval on the head's behalf (the plan says so) — e.g. when
  the head signed the paper copy or, for a СППО, the curating deputy governor approved it.
- curator (the deputy governor curating agencies, through agencies.Curator.person): reads the
  signed final sheets and the plans of the agencies they curate, and approves a СППО's plan
  (Appendix 30, L5027: «руководитель ОИВ ЯО или заместитель Губернатора области, курирующий
  СППО») — then the agency's head does not.
- governor_office: reads everything signed, changes nothing.
- administrator: everything.
Internal audits and photo reports belong to the agency's 5S team (leader and members write,
employees read); the working group and the governor's office read them.
"""

from django.db.models import Q

from agencies.board import permissions as board_permissions
from agencies.people import agency_ids_of, curated_agency_ids, person_of
from audits.choices import AuditStatus, PlanStatus
from audits.models import Audit, CorrectiveActionPlan
from core.permissions import (
    can_change_anything,
    has_role,
    is_administrator,
    roles_of,
    sees_agency_records,
    sees_whole_region,
)
from core.roles import AGENCY_ROLES, Role

PHOTO_THUMBNAIL = "thumbnail"


def is_group_head(user):
    return has_role(user, Role.WORKING_GROUP_HEAD) and can_change_anything(user)


def manages_audits(user):
    """Plans, changes, decides and signs external audits: the group head and administrators.
    Whether the audit's state still allows it is the service's question (409), not this one."""
    return is_administrator(user) or is_group_head(user)


# --- audits -----------------------------------------------------------------------------------


def visible_audits(user, queryset=None):
    """Audits the user may open, scoped in the query."""
    queryset = Audit.objects.all() if queryset is None else queryset
    roles = roles_of(user)
    if not roles:
        return queryset.none()
    if manages_audits(user):
        return queryset
    condition = Q(pk__in=[])
    if roles & {Role.GOVERNOR_OFFICE, Role.WORKING_GROUP_AUDITOR}:
        condition |= Q(status=AuditStatus.FINALISED)
    person = person_of(user)
    if Role.WORKING_GROUP_AUDITOR in roles and person is not None:
        condition |= Q(sheets__auditor=person)
    if roles & AGENCY_ROLES:
        condition |= Q(status=AuditStatus.FINALISED, agency_id__in=agency_ids_of(user))
    # §5.5 (Regulation on the working group): the agency's head and its 5S-team leader are told
    # the date of a planned audit and the leader must be present, so both open the audit's page
    # before it is signed (its date, steps, auditors and the open actions it will check) — the
    # notice and the home page link there (issue 17, item 12). The scores stay closed to them.
    if Role.TEAM_LEADER in roles:
        condition |= Q(agency_id__in=agency_ids_of(user))
    if person is not None:
        condition |= Q(agency__head=person)
    if Role.CURATOR in roles:
        condition |= Q(status=AuditStatus.FINALISED, agency_id__in=curated_agency_ids(user))
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def can_view_audits_section(user):
    return sees_agency_records(user)


def can_plan_audit(user):
    return manages_audits(user)


def can_manage_audit(user, audit):
    """Change the plan, enter the IT-department value, decide, finalise."""
    return manages_audits(user) and not audit.is_finalised


def can_view_sheet(user, sheet):
    """An individual sheet: its author, the group head and administrators."""
    if manages_audits(user):
        return True
    person = person_of(user)
    return person is not None and sheet.auditor_id == person.pk


def can_edit_sheet(user, sheet):
    if sheet.is_submitted or sheet.audit.is_finalised or not can_change_anything(user):
        return False
    if is_administrator(user):
        return True
    person = person_of(user)
    return person is not None and sheet.auditor_id == person.pk


def can_withdraw_sheet(user, sheet):
    """Take a handed-in sheet back (issue 17): its author, or an administrator on their behalf.
    Whether a decision or the signature already rests on it is the service's question (409)."""
    if not sheet.is_submitted or sheet.audit.is_finalised or not can_change_anything(user):
        return False
    if is_administrator(user):
        return True
    person = person_of(user)
    return person is not None and sheet.auditor_id == person.pk


def can_view_final_sheet(user, audit):
    """Before signing: the head and administrators only; after: everyone who sees the audit."""
    if manages_audits(user):
        return True
    if not audit.is_finalised:
        return False
    roles = roles_of(user)
    if roles & {Role.GOVERNOR_OFFICE, Role.WORKING_GROUP_AUDITOR}:
        return True
    if audit.agency_id in curated_agency_ids(user):
        return True
    return bool(roles & AGENCY_ROLES) and audit.agency_id in agency_ids_of(user)


# --- corrective-action plans (Appendix 30) -------------------------------------------------------


def visible_plans(user, queryset=None):
    queryset = CorrectiveActionPlan.objects.all() if queryset is None else queryset
    roles = roles_of(user)
    if not roles:
        return queryset.none()
    if manages_audits(user):
        return queryset
    # The region reads approved plans (their copies go to the working group, §9.3); drafts
    # stay with the agency.
    # The curator reads the drafts of the agencies they curate: they approve a СППО's (L5027).
    condition = Q(audit__agency_id__in=agency_ids_of(user) | curated_agency_ids(user))
    if roles & {Role.GOVERNOR_OFFICE, Role.WORKING_GROUP_AUDITOR}:
        condition |= Q(status=PlanStatus.APPROVED)
    person = person_of(user)
    if person is not None:
        condition |= Q(audit__agency__head=person)
    return queryset.filter(condition)


def _leads_team_of(user, agency_id):
    return has_role(user, Role.TEAM_LEADER) and agency_id in agency_ids_of(user)


def can_create_plan(user, audit):
    if not audit.is_finalised:
        return False
    return is_administrator(user) or _leads_team_of(user, audit.agency_id)


def can_edit_plan(user, plan):
    """Draft rows while a draft; after approval only the actual dates (Appendix 30, note 4)."""
    return is_administrator(user) or _leads_team_of(user, plan.agency_id)


def can_approve_plan(user, plan):
    return plan.status == PlanStatus.DRAFT and may_approve_plans_of(user, plan)


def _is_plan_approver(user, plan):
    """The head of an ОИВ ЯО; for a СППО the curating deputy governor holding the curator role
    (Appendix 30, L5027: «руководитель ОИВ ЯО или заместитель Губернатора области, курирующий
    СППО»), never the СППО's head."""
    person = person_of(user)
    if person is None:
        return False
    if plan.agency.is_subdivision:
        return plan.agency_id in curated_agency_ids(user)
    return plan.agency.head_id == person.pk


def may_approve_plans_of(user, plan):
    """The approver of the plan's agency (or an administrator on their behalf), whatever the
    plan's state: an approved plan is then a conflict (409), not a refusal of the person (403)."""
    return is_administrator(user) or _is_plan_approver(user, plan)


def approves_on_behalf(user, plan):
    return is_administrator(user) and not _is_plan_approver(user, plan)


def can_send_plan_for_approval(user, plan):
    """The leader (or an administrator) hands a draft to its approver (Appendix 30)."""
    return plan.status == PlanStatus.DRAFT and can_edit_plan(user, plan)


def can_send_plan_copy(user, plan):
    return plan.status == PlanStatus.APPROVED and can_edit_plan(user, plan)


# --- internal audits and photo reports (§4.6, Appendix 7) ---------------------------------------


def visible_internal(user, queryset, *, field="agency_id"):
    """`queryset` narrowed, in the query, to the agencies whose internal audits and photo
    reports the user may read: every agency for the region's roles, otherwise those the user
    works in. `field` names the agency's id in the queryset's model ("pk" for agencies)."""
    if sees_whole_region(user):
        return queryset
    return queryset.filter(**{f"{field}__in": agency_ids_of(user)})


def can_view_internal(user, agency_id):
    return sees_whole_region(user) or agency_id in agency_ids_of(user)


def can_view_photo(user, agency_id, kind):
    """A photo of the §4.6 report: the full picture to those who read the internal audits; its
    thumbnail also to whoever reads the agency's information board, where the photos hang
    (L499; Appendix 11, «фотографии»), the agency's curator among them. No more: the board
    shows thumbnails only."""
    if can_view_internal(user, agency_id):
        return True
    return kind == PHOTO_THUMBNAIL and board_permissions.can_view(user, agency_id)


def can_write_internal(user, agency_id):
    if is_administrator(user):
        return True
    return has_role(user, Role.TEAM_LEADER, Role.TEAM_MEMBER) and agency_id in agency_ids_of(user)
