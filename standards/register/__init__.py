"""The register of 5S standards (§8.2, seed 003 L1119–1257; Appendix 29) and the daily 5S
checklist (Appendix 26, L1183–1189).

- models: StandardKind (the eight mandatory standards of §8.2, from
  fixtures/standards/mandatory_standards.json via `load_reference_data`), Standard (a row of
  the register) with its StandardVersion(s) and attachments, DailyChecklist with its items;
- rules: review due a year after approval, overdue the day after (L1145); ≤ 10 items (L1189),
  ≤ 5 minutes (L1187);
- services: written by the team, agreed by the leader, approved by the head (L1139); an approved
  version is published in «ДИАрама» through the outbox handler `reports.publish_standard`
  (registered by reports with core.outbox: standards never imports reports); adoption of another
  agency's approved standard naming its origin (§3.2.4); review reminders
  (`standards.review_due`, `standards.review_overdue`, beat task `standards.send_review_reminders`);
- selectors: the mandatory checklist per agency and across the region, the knowledge base search
  (PostgreSQL Russian full-text search, substring match on SQLite), all without a query per row;
- pages under /standards/, API under /api/v1/standards/, /api/v1/daily-checklists/ and
  /api/v1/agencies/{id}/mandatory-standards/.
"""
