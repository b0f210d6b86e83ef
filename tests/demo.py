"""The whole demo region as `make demo` loads it, for the tests that look at the portal as its
users do (the behaviour snapshot, the layout and accessibility walk)."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import Role

# The Makefile's `demo` target, in its order (the final load_demo prints the logins).
DEMO_COMMANDS = (
    ("load_reference_data", {}),
    ("load_demo", {"quiet": True}),
    ("load_demo_audits", {}),
    ("load_demo_sorting", {}),
    ("load_demo_productivity", {}),
    ("load_demo_training", {}),
    ("load_demo_standards", {}),
    ("load_demo_placement", {}),
    ("load_demo_indicators", {}),
    ("load_demo_shine", {}),
    ("load_demo", {}),
)


def load_full_demo() -> None:
    # A transactional (browser) test on the same worker flushes the roles' data migration.
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    out = io.StringIO()
    for name, options in DEMO_COMMANDS:
        call_command(name, stdout=out, **options)
