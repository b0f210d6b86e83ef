"""The compose stack keeps its files (issue 10, fault 3): with the environment docker-compose.yml
gives the portal's containers, every storage path of the production settings lies inside a
volume that container mounts, and the static files lie inside the image. No Docker needed: the
settings are loaded in a subprocess with the image's and the service's environment."""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import PurePosixPath

import pytest
import yaml
from django.conf import settings

ROOT = settings.BASE_DIR
SERVICES = ["web", "worker", "beat", "migrate", "backup"]
# Settings that name where files are kept; STATIC_ROOT is built into the image.
IN_IMAGE = {"STATIC_ROOT"}

PRINT_ROOTS = """
import json
from django.conf import settings
print(json.dumps({name: str(getattr(settings, name)) for name in dir(settings)
                  if name.endswith("_ROOT")}))
"""


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _interpolate(value):
    """Compose's ${VAR:?message} and ${VAR:-default}: a placeholder or the default."""

    def replace(match):
        name, operator, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        return rest if operator == ":-" else f"compose-{name.lower()}"

    return re.sub(r"\$\{(\w+)(:\?|:-)?([^}]*)\}", replace, str(value))


def _image():
    """The Dockerfile's WORKDIR and ENV."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    environment, workdir = {}, "/"
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words:
            continue
        if words[0] == "ENV":
            for pair in shlex.split(words[1]):
                name, _, value = pair.partition("=")
                environment[name] = value
        elif words[0] == "WORKDIR":
            workdir = words[1].strip()
    return workdir, environment


def _service_environment(service):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {name: _interpolate(value) for name, value in environment.items()}


def _volume_targets(service):
    targets = []
    for volume in service.get("volumes", []):
        target = volume["target"] if isinstance(volume, dict) else volume.split(":")[1]
        targets.append(PurePosixPath(target))
    return targets


def _inside(path, directory):
    path, directory = PurePosixPath(path), PurePosixPath(directory)
    return path == directory or directory in path.parents


@pytest.mark.parametrize("name", SERVICES)
def test_every_storage_path_of_a_portal_container_lies_in_its_volumes(name):
    service = _compose()["services"][name]
    workdir, image_environment = _image()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "TEST_", "MEDIA_", "STATIC_"))
        and not key.endswith("_ROOT")
    }
    environment.update(image_environment)
    environment.update(_service_environment(service))
    environment.update(
        SECRET_KEY="compose-layout-test-" + "x1y2z3" * 10, ALLOWED_HOSTS="5s.region.example"
    )
    assert environment["DJANGO_SETTINGS_MODULE"] == "fives_portal.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + PRINT_ROOTS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    roots = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT"} <= set(roots)
    volumes = _volume_targets(service)
    for setting, path in roots.items():
        if setting in IN_IMAGE:
            assert _inside(path, workdir), f"{name}: {setting}={path} is not in the image"
        else:
            assert any(_inside(path, target) for target in volumes), (
                f"{name}: {setting}={path} lies in no volume of the service ({volumes}): "
                "its files would vanish with the container"
            )


def test_the_web_health_check_asks_only_about_the_database_and_the_worker_has_one():
    services = _compose()["services"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz/?part=database" in web_check
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_a_backup_service_backs_up_nightly_with_retention_into_the_backup_volume():
    compose = _compose()
    service = compose["services"]["backup"]
    command = [_interpolate(word) for word in service["command"]]
    assert command[:3] == ["python", "manage.py", "backup"]
    assert "--prune" in command
    assert command[command.index("--daily-at") + 1] == "02:30"
    assert "backups" in compose["volumes"]
    assert PurePosixPath("/data/backups") in _volume_targets(service)
    assert _service_environment(service)["BACKUP_ROOT"] == "/data/backups"
