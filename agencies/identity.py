"""What a user's remembered identity (core.identity) derives from, and the signals that make
every user's answers forgotten when any of it changes:

- the account's groups (its roles: core.permissions.roles_of) and the groups themselves;
- the Person linked to an account, with its agency (agencies.people.person_of);
- 5S teams, their agencies and memberships (agency_ids_of);
- curators and agencies' curator and head (curated_agency_ids, headed_agency_ids);
- and every migration, as a release changes what is remembered.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from agencies.models import Agency, Curator, FiveSTeam, Person, TeamMembership
from core.identity import forget_all_identities

# The fields of an agency that identities read; other saves of an agency (its head count, its
# completed steps) forget nothing.
AGENCY_FIELDS = {"curator", "curator_id", "head", "head_id"}


def _agency_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or AGENCY_FIELDS & set(update_fields):
        forget_all_identities()


def connect() -> None:
    for model in (Group, Person, Curator, FiveSTeam, TeamMembership):
        post_save.connect(forget_all_identities, sender=model, dispatch_uid=f"identity-{model}")
        post_delete.connect(
            forget_all_identities, sender=model, dispatch_uid=f"identity-del-{model}"
        )
    post_save.connect(_agency_saved, sender=Agency, dispatch_uid="identity-agency")
    post_delete.connect(forget_all_identities, sender=Agency, dispatch_uid="identity-del-agency")
    for through in (
        get_user_model().groups.through,
        FiveSTeam.agencies.through,
        FiveSTeam.members.through,
    ):
        m2m_changed.connect(
            forget_all_identities, sender=through, dispatch_uid=f"identity-{through}"
        )
    # A release that changes these models migrates first: nothing pickled by the previous
    # release's code is read by the new one.
    post_migrate.connect(forget_all_identities, dispatch_uid="identity-migrate")
