"""The field score sheet (issue 17, item 1): the auditor's Appendix 6 sheet on a phone or a
tablet during the external audit (§4.10, seed 003 L597; §5.6, L5485).

One card per criterion with large 1–5 buttons, each answer saved as it is made through a
small JSON endpoint (`POST /api/v1/audits/{id}/sheets/{person_id}/answers/`). The page works
offline: a service worker served by the portal (`/audits/field-sw.js`, scope `/audits/`)
keeps the page, its script and its style; the sheet, its checklist and the agency's evidence
summary travel in the page; answers made offline wait in the device's local storage and are
sent when the connection returns. Each answer carries a client-generated key (the
Idempotency-Key of core.idempotency), so a repeat is applied once, and the version of the
answer it replaces, so a newer answer from another device is reported (409), never
overwritten. The desktop sheet (audits/sheet.html) keeps its table.
"""
