"""Delete each permission check of the productivity app in turn and run its tests: at least one
test must fail for each (issue 11 item 9, «tests that bite»). Not collected by pytest.

    .venv/bin/python tests/productivity/permission_mutations.py [-k NAME] [PYTEST ARGS...]

Each mutation replaces one occurrence of a check with code that allows everything, runs
`pytest tests/productivity -x -q -n 2` (or the given arguments), restores the file and reports
KILLED (a test failed: the check is tested), SURVIVED (no test noticed) or ERROR (pytest itself
could not run). Exit status 1 unless every mutation was killed. The file is restored after each
run, also when the run raises (not when the script itself is killed).
"""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    needle: str
    replacement: str
    occurrence: int = 0  # which occurrence of the needle (0 = the first)


def _each(name, path, needle, replacement, functions):
    """One mutation per occurrence; `functions` names them in order of appearance."""
    return [
        Mutation(f"{name} in {function}", path, needle, replacement, index)
        for index, function in enumerate(functions)
    ]


SERVICES = "productivity/services.py"
VIEWS = "productivity/views.py"
API = "productivity/api/views.py"
PERMISSIONS = "productivity/permissions.py"

MUTATIONS = [
    # The services: the authority for every write.
    Mutation(
        "services.workplace_create: can_record",
        SERVICES,
        "check_permission(can_record(actor, data.agency.pk),",
        "check_permission(True,",
    ),
    *_each(
        "services: can_edit_workplace",
        SERVICES,
        "check_permission(can_edit_workplace(actor, workplace),",
        "check_permission(True,",
        ["workplace_update", "study_create"],
    ),
    *_each(
        "services: can_edit_study",
        SERVICES,
        "check_permission(can_edit_study(actor, study),",
        "check_permission(True,",
        ["study_update", "study_delete", "measurement_record"],
    ),
    # The pages.
    *_each(
        "views: _require_role",
        VIEWS,
        "    _require_role(request)\n",
        "    pass\n",
        [
            "index",
            "study_detail",
            "study_edit",
            "study_delete",
            "measure",
            "workplace_list",
            "workplace_edit",
            "workplace_detail",
            "results",
        ],
    ),
    *_each(
        "views: can_record_anywhere",
        VIEWS,
        "if not permissions.can_record_anywhere(request.user):",
        "if False:",
        ["study_create", "workplace_create", "calculator_save"],
    ),
    *_each(
        "views: can_edit_study",
        VIEWS,
        "if not permissions.can_edit_study(request.user, study):",
        "if False:",
        ["study_edit", "measure"],
    ),
    Mutation(
        "views.workplace_edit: can_edit_workplace",
        VIEWS,
        "if not permissions.can_edit_workplace(request.user, workplace):",
        "if False:",
    ),
    *_each(
        "views: _require_calculators",
        VIEWS,
        "    _require_calculators(request)\n",
        "    pass\n",
        ["calculator_index", "calculator"],
    ),
    # The API.
    Mutation(
        "api.CanUseCalculators",
        API,
        "return can_use_calculators(request.user)",
        "return True",
    ),
    Mutation(
        "api.RecordsStudies.has_permission",
        API,
        "return request.method in SAFE_METHODS or can_record_anywhere(request.user)",
        "return True",
    ),
    Mutation(
        "api.RecordsStudies.has_object_permission",
        API,
        "return request.method in SAFE_METHODS or can_record(request.user, obj.agency_id)",
        "return True",
    ),
    Mutation(
        "api.WorkplaceViewSet.create: recordable_agencies",
        API,
        'if not recordable_agencies(request.user).filter(pk=data["agency"].pk).exists():',
        "if False:",
    ),
    Mutation(
        "api.StudyViewSet._workplace: recordable_agencies",
        API,
        "pk=pk, agency__in=recordable_agencies(self.request.user)",
        "pk=pk",
    ),
    # The scoping helpers (reads) and the predicates.
    Mutation(
        "permissions.readable_agencies: own agencies only",
        PERMISSIONS,
        "return Agency.objects.filter(pk__in=agency_ids_of(user))",
        "return Agency.objects.all()",
    ),
    Mutation(
        "permissions.scope_to_user: own agencies only",
        PERMISSIONS,
        'return queryset.filter(**{f"{field}__in": readable_agencies(user)})',
        "return queryset",
    ),
    Mutation(
        "permissions.recordable_agencies: recording roles only",
        PERMISSIONS,
        "    if not has_role(user, *RECORDING_ROLES):\n        return agencies.none()\n",
        "",
    ),
    Mutation(
        "permissions.recordable_agencies: own agencies only",
        PERMISSIONS,
        "return agencies.filter(pk__in=agency_ids_of(user))",
        "return agencies",
    ),
    Mutation(
        "permissions.can_record: own agency only",
        PERMISSIONS,
        "return has_role(user, *RECORDING_ROLES) and agency_id in agency_ids_of(user)",
        "return has_role(user, *RECORDING_ROLES)",
    ),
    Mutation(
        "permissions.can_record: recording roles only",
        PERMISSIONS,
        "return has_role(user, *RECORDING_ROLES) and agency_id in agency_ids_of(user)",
        "return agency_id in agency_ids_of(user)",
    ),
    Mutation(
        "permissions.can_view_productivity",
        PERMISSIONS,
        "def can_view_productivity(user: Any) -> bool:\n    return bool(roles_of(user))",
        "def can_view_productivity(user: Any) -> bool:\n    return True",
    ),
]


def _apply(mutation):
    path = ROOT / mutation.path
    text = path.read_text(encoding="utf-8")
    start = -1
    for _ in range(mutation.occurrence + 1):
        start = text.find(mutation.needle, start + 1)
        if start < 0:
            raise SystemExit(f"not found: {mutation.name}: {mutation.needle!r}")
    path.write_text(
        text[:start] + mutation.replacement + text[start + len(mutation.needle) :],
        encoding="utf-8",
    )
    return path, text


def main(argv):
    only = None
    if argv[:1] == ["-k"]:
        only, argv = argv[1], argv[2:]
    command = [
        str(ROOT / ".venv/bin/pytest"),
        *(argv or ["tests/productivity", "-x", "-q", "-n", "2", "-p", "no:cacheprovider"]),
    ]
    survived = []
    for mutation in MUTATIONS:
        if only and only not in mutation.name:
            continue
        path, original = _apply(mutation)
        try:
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        finally:
            path.write_text(original, encoding="utf-8")
        # pytest's exit status: 1 when tests failed, 0 when all passed, anything else when the
        # run itself broke (which proves nothing either way).
        verdict = {0: "SURVIVED", 1: "KILLED"}.get(result.returncode, "ERROR")
        failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
        detail = failed[0] if failed else (result.stderr.strip().splitlines() or [""])[-1]
        print(f"{verdict:9} {mutation.name}  {detail if verdict != 'SURVIVED' else ''}", flush=True)
        if verdict != "KILLED":
            survived.append(mutation.name)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
