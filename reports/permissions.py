"""Who sees what of the region's view, the generated documents and the knowledge base.

- administrator, governor's office, working group (head and auditors): the whole region — the
  dashboard, the summary report, every document and publication; they may order documents
  (ordering a copy changes no data, so the read-only governor's office may too).
- team leader / member / employee: their own agencies' signed final sheets and what the
  knowledge base publishes for their agencies or for the whole region; not the dashboard.
- a final sheet of an audit not yet signed: only the working group head and administrators
  (audits.permissions.can_view_final_sheet).
- auditor consistency (calibration of the group): the working group head and administrators.
A document ordered by one user is visible to everyone allowed to see its subject.
"""

from django.db.models import Q

from agencies.people import agency_ids_of
from audits.choices import AuditStatus
from audits.permissions import can_view_final_sheet, is_group_head
from core.permissions import is_administrator, roles_of, sees_whole_region
from reports.choices import DocumentKind


def can_view_region(user):
    """The dashboard, the summary report and the findings."""
    return sees_whole_region(user)


def can_view_consistency(user):
    return is_administrator(user) or is_group_head(user)


def can_view_knowledge_base(user):
    return bool(roles_of(user))


def can_order_summary(user):
    return sees_whole_region(user)


def can_order_final_sheet(user, audit):
    return bool(roles_of(user)) and can_view_final_sheet(user, audit)


def _sees_unsigned(user):
    return is_administrator(user) or is_group_head(user)


def visible_documents(user, queryset=None):
    from reports.models import GeneratedDocument

    queryset = GeneratedDocument.objects.all() if queryset is None else queryset
    if not roles_of(user):
        return queryset.none()
    if _sees_unsigned(user):
        return queryset
    if sees_whole_region(user):
        return queryset.filter(
            Q(kind=DocumentKind.SUMMARY) | Q(audit__status=AuditStatus.FINALISED)
        )
    published = GeneratedDocument.objects.filter(
        publications__in=visible_publications(user)
    ).values("pk")
    return queryset.filter(
        Q(
            kind=DocumentKind.FINAL_SHEET,
            audit__status=AuditStatus.FINALISED,
            audit__agency_id__in=agency_ids_of(user),
        )
        | Q(pk__in=published)
    )


def visible_publications(user, queryset=None):
    from reports.models import Publication

    queryset = Publication.objects.all() if queryset is None else queryset
    if not roles_of(user):
        return queryset.none()
    if sees_whole_region(user):
        return queryset
    return queryset.filter(Q(agency__isnull=True) | Q(agency_id__in=agency_ids_of(user)))
