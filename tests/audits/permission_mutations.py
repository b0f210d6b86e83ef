"""Delete each permission check of the audits services in turn and run the service permission
tests: at least one test must fail for each (issue 11 item 9, «tests that bite»). Not collected
by pytest.

    .venv/bin/python tests/audits/permission_mutations.py [PYTEST ARGS...]

Every `check_permission(` of audits/services/*.py becomes `check_permission(True or ` (the
check allows everything), one at a time; `pytest tests/audits/test_service_permissions.py -x -q
-n0` (or the given arguments) runs, the file is restored, and the mutation is reported KILLED
(a test failed: the check is tested), SURVIVED (no test noticed) or ERROR (pytest could not
run). Exit status 1 unless every mutation was killed.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEEDLE = "check_permission("
DEFAULT_ARGS = ["tests/audits/test_service_permissions.py", "-x", "-q", "-n0", "-p", "no:randomly"]


def mutations():
    for path in sorted((ROOT / "audits" / "services").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        start = 0
        while (index := text.find(NEEDLE, start)) != -1:
            start = index + len(NEEDLE)
            if text[:index].rstrip().endswith("import") or text[index - 4 : index] == "def ":
                continue
            line = text.count("\n", 0, index) + 1
            yield path, index, f"{path.relative_to(ROOT)}:{line}"


def main(args):
    results = []
    for path, index, name in mutations():
        original = path.read_text(encoding="utf-8")
        mutated = original[: index + len(NEEDLE)] + "True or " + original[index + len(NEEDLE) :]
        try:
            path.write_text(mutated, encoding="utf-8")
            run = subprocess.run(
                [str(ROOT / ".venv" / "bin" / "pytest"), *(args or DEFAULT_ARGS)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        finally:
            path.write_text(original, encoding="utf-8")
        outcome = {0: "SURVIVED", 1: "KILLED"}.get(run.returncode, "ERROR")
        results.append(outcome)
        print(f"{outcome:9} {name}", flush=True)
    killed = results.count("KILLED")
    print(f"{killed} of {len(results)} permission checks killed")
    return 0 if results and killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
