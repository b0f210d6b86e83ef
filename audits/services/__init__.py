"""Writes for the audits app, one module per area: the checklist, planning an external audit,
the score sheets, the final sheet, corrective-action plans, internal audits and photo reports,
and the notices the rules require.

Every rule is checked here once, for the HTML forms, the REST API, the XLSX upload, the admin
and the demo loader alike. A broken rule raises one ApplicationError (a Russian message and a
message per field, criterion or cell) and nothing is saved; a state that no longer allows the
action raises ConflictError (409); a user without the right, PermissionDenied (403) through
core.services.check_permission. Callers import this package (`from audits import services`).
"""

from audits.rules import applicable_codes, unscored_reason
from audits.services.checklist import checklist_latest, checklist_load
from audits.services.final_sheet import decision_record, final_sheet_finalise
from audits.services.internal import internal_audit_room_add, internal_audit_save, photo_upload
from audits.services.planning import audit_plan, audit_reschedule
from audits.services.plans import (
    ACTION_FIELDS,
    plan_approve,
    plan_create,
    plan_save,
    plan_send_copy,
    plan_send_for_approval,
)
from audits.services.reminders import audit_notice_schedule, audit_reminders_send
from audits.services.sheets import (
    sheet_check_writable,
    sheet_errors,
    sheet_save,
    sheet_submit,
    sheet_withdraw,
)

__all__ = [
    "ACTION_FIELDS",
    "applicable_codes",
    "audit_notice_schedule",
    "audit_plan",
    "audit_reminders_send",
    "audit_reschedule",
    "checklist_latest",
    "checklist_load",
    "decision_record",
    "final_sheet_finalise",
    "internal_audit_room_add",
    "internal_audit_save",
    "photo_upload",
    "plan_approve",
    "plan_create",
    "plan_save",
    "plan_send_copy",
    "plan_send_for_approval",
    "sheet_check_writable",
    "sheet_errors",
    "sheet_save",
    "sheet_submit",
    "sheet_withdraw",
    "unscored_reason",
]
