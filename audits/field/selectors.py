"""Reads of the field score sheet: everything the page carries so that it works offline."""

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from audits import rules, selectors
from audits.evidence import audit_evidence
from audits.models import Criterion, Score, ScoreSheet


def field_evidence_summary(sheet: ScoreSheet) -> list[dict[str, Any]]:
    """The agency's evidence per criterion (core.evidence, issue 16 item 3), cached with the
    field page: each kind it has, with its count and latest date; a kind it lacks, as
    missing. One query per record kind."""
    summary = []
    for criterion in audit_evidence(sheet.audit):
        items = []
        for kind in criterion.kinds:
            if kind.count:
                latest = f", {kind.latest:%d.%m.%Y}" if kind.latest else ""
                items.append(f"{kind.label}: {kind.count}{latest}")
            else:
                items.append(_("%(kind)s: нет") % {"kind": kind.label})
        if not criterion.kinds and criterion.reason:
            items.append(criterion.reason)
        summary.append({"criterion": criterion.code, "items": items})
    return summary


def answer_versions(sheet: ScoreSheet, criterion_ids=None) -> dict[int, int]:
    """The version of each criterion's answer on the sheet: the id of the latest history row
    of its Score (every write path — this page, the desktop form, the API's PUT, the XLSX
    upload — records one), so any change anywhere makes a new version. One query."""
    scores = Score.history.filter(sheet_id=sheet.pk)
    if criterion_ids is not None:
        scores = scores.filter(criterion_id__in=criterion_ids)
    return {
        row["criterion_id"]: row["version"]
        for row in scores.values("criterion_id").annotate(version=Max("history_id"))
    }


def field_sheet_data(sheet: ScoreSheet) -> dict[str, Any]:
    """The sheet as the field page carries it (JSON): per criterion its code, step, title,
    the descriptors of each score 5…1 (a merged cell is left out), whether and why it is not
    scored, the answer and its version. A fixed number of queries."""
    audit = sheet.audit
    criteria = list(
        Criterion.objects.filter(version_id=audit.checklist_id).order_by("step_number", "position")
    )
    rows = selectors.sheet_rows(sheet, criteria)
    versions = answer_versions(sheet)
    applicable = rules.applicable_codes(audit, criteria)
    evidence = field_evidence_summary(sheet)
    evidence_by_code = {entry["criterion"]: list(entry["items"]) for entry in evidence}
    items = []
    for row in rows:
        criterion = row["criterion"]
        descriptors = {
            str(score): [
                str(ind.get(str(score))) for ind in criterion.indicators if ind.get(str(score))
            ]
            for score in (5, 4, 3, 2, 1)
        }
        items.append(
            {
                "code": row["code"],
                "step": row["step"],
                "title": criterion.title,
                "descriptors": descriptors,
                "applicable": row["code"] in applicable,
                "reason": str(row["reason_label"]) if row["reason"] else "",
                "score": row["score"],
                "note": row["note"],
                "version": versions.get(criterion.pk, 0),
                "evidence": evidence_by_code.get(row["code"], []),
            }
        )
    return {
        "audit": audit.pk,
        "auditor": sheet.auditor_id,
        "status": sheet.status,
        "criteria": items,
        "evidence": evidence,
    }
