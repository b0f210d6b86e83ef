"""Audits: the Appendix 2 checklist, external audits (§4.10 and the Regulation on the working
group), individual score sheets (Appendix 6), the final sheet (Appendix 12), internal audits
with photo reports (§4.6, Appendix 7) and corrective-action plans (Appendix 30, §9.3).

Decisions taken where the regulation leaves room:
- Criterion 4.3 is scored «по данным департамента информатизации и связи» (§8.4 L1337,
  L3367, L3817): the department's monthly record per agency (audits.itdata; the bands of
  L2365–2377) gives its score; the auditors never score it; the final sheet takes the record of
  the audit's month or the latest earlier one, stores it when signed, and cannot be signed
  without one while step 4 counts.
- A collegial decision (§5.6) takes a vote from every auditor of the audit; the group head may
  vote too and must when the votes are tied. The decided score replaces the mean.
- The plan (Appendix 30) is approved by Agency.head when that person has an account. An
  administrator may record the approval on the head's behalf (for a paper signature, or the
  curating deputy governor of a СППО); the plan then says «внесено администратором».
- The final sheet's copy (§4.10) is e-mailed to the agency head and 5S-team leader on signing;
  the signed sheet is also published on the portal to the agency's people, the working group and
  the governor's office.
- Internal audits score each room by steps 1–4 (one score per step), one internal audit per
  agency and month; Appendix 7's cell is the mean of the room's step scores.
- Photos live outside MEDIA_ROOT (audits.models.PrivateStorage) and are served by a
  permission-checked view only.
"""
