"""Backups that restore (issue 13, item 5): `manage.py backup` makes one archive of the database
and both media roots; `manage.py restore` run by a separate process against a fresh, empty
database and fresh media folders gives back the same Appendix 13 summary XLSX, the same final
sheets and the same files, on PostgreSQL and on SQLite. Retention keeps what Regulation §5.8
(L5493) asks for."""

import datetime
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from audits import services as audit_services
from audits.models import Audit, private_storage
from core import backup
from core.management.commands.backup import seconds_until
from tests.agencies.factories import AgencyFactory
from tests.reports.factories import people, signed_audit

ROOT = settings.BASE_DIR
CHECKLIST = ROOT / "fixtures" / "checklist" / "checklist_2011.json"
MONTHS = [datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]
UTC = datetime.UTC


def snapshot() -> dict:
    """What the restored portal must give back: the cells of each month's summary XLSX, each
    audit's final sheet (the API's body) and every stored file's SHA-256."""
    from openpyxl import load_workbook

    from audits.api.serializers import FinalSheetSerializer
    from audits.selectors import final_sheet_data
    from reports import documents

    summaries = {}
    for month in MONTHS:
        book = load_workbook(io.BytesIO(documents.summary_xlsx(month)))
        summaries[month.isoformat()] = [
            [str(cell) if cell is not None else None for cell in row]
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        ]
    sheets = {
        str(audit.pk): FinalSheetSerializer(final_sheet_data(audit)).data
        for audit in Audit.objects.order_by("pk")
    }
    files = {}
    for name, root in backup.media_roots().items():
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                files[f"{name}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return json.loads(json.dumps({"summaries": summaries, "sheets": sheets, "files": files}))


SNAPSHOT_SCRIPT = (
    "import django, json; django.setup()\n"
    "from tests.core.test_backup import snapshot\n"
    "print(json.dumps(snapshot()))\n"
)


def _environment(database_url: str, media: Path, private: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "TEST_", "MEDIA_", "PRIVATE_MEDIA_", "BACKUP_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="fives_portal.settings.test",
        DATABASE_URL=database_url,
        TEST_MEDIA_ROOT=str(media),
        TEST_PRIVATE_MEDIA_ROOT=str(private),
    )
    return environment


def _run(arguments: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_ROOT = str(tmp_path / "backups")
    return tmp_path / "backups"


def _region():
    """Two agencies with signed audits over three months (one with a collegial decision and a
    note), one audit still in progress, and files in both media roots."""
    audit_services.checklist_load(path=CHECKLIST)
    first = AgencyFactory(short_name="Департамент А")
    second = AgencyFactory(short_name="Департамент Б")
    team = people(first, 3)
    signed_audit(agency=first, auditors=team, date=datetime.date(2026, 1, 20), default=3)
    signed_audit(
        agency=first,
        auditors=team,
        date=datetime.date(2026, 3, 10),
        steps=(1, 2, 3, 4),
        scores={"1.1": [2, 4, 5]},
        decisions={"1.1": 4},
        notes={"1.2": "Папки без маркировки"},
    )
    signed_audit(agency=second, auditors=team, date=datetime.date(2026, 2, 5), default=[4, 4, 5])
    signed_audit(agency=second, auditors=team, date=datetime.date(2026, 3, 25), finalised=False)
    private_storage.save("photos/2026/03/before.jpg", ContentFile(b"\xff\xd8 photo bytes"))
    private_storage.save("documents/summary/svodka-2026-03.xlsx", ContentFile(b"PK xlsx bytes"))
    default_storage.save("uploads/logo.png", ContentFile(b"\x89PNG logo"))


def _round_trip(tmp_path, backups, fresh_database_url):
    _region()
    expected = snapshot()
    assert expected["sheets"] and len(expected["files"]) == 3
    assert any(len(rows) > 2 for rows in expected["summaries"].values())

    call_command("backup", stdout=io.StringIO())
    (archive,) = backup.backups(backups)

    media, private = tmp_path / "restored-media", tmp_path / "restored-private"
    environment = _environment(fresh_database_url, media, private)
    _run(["manage.py", "restore", str(archive.path), "--no-input"], environment)
    restored = json.loads(_run(["-c", SNAPSHOT_SCRIPT], environment).strip().splitlines()[-1])

    assert restored == expected


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_into_a_fresh_database_and_media_folders(tmp_path, backups):
    fresh = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    params = connection.settings_dict
    url = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST'] or '127.0.0.1'}"
        f":{params['PORT'] or 5432}/{fresh}"
    )
    try:
        _round_trip(tmp_path, backups, url)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


@pytest.mark.django_db(transaction=True)
def test_an_sqlite_backup_restores_into_a_fresh_database_file_and_media_folders(tmp_path, backups):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip runs on the embedded database")
    _round_trip(tmp_path, backups, f"sqlite:///{tmp_path / 'restored.sqlite3'}")


@pytest.mark.django_db(transaction=True)
def test_restore_in_place_brings_back_deleted_records_and_files(backups):
    audit_services.checklist_load(path=CHECKLIST)
    private_storage.save("photos/a.jpg", ContentFile(b"photo"))
    call_command("backup", stdout=io.StringIO())
    private_storage.delete("photos/a.jpg")
    private_storage.save("photos/later.jpg", ContentFile(b"not in the backup"))
    from audits.models import ChecklistVersion

    ChecklistVersion.objects.all().delete()

    call_command("restore", "latest", "--no-input", stdout=io.StringIO())

    assert ChecklistVersion.objects.count() == 1
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert (private / "photos" / "a.jpg").read_bytes() == b"photo"
    assert not (private / "photos" / "later.jpg").exists()


@pytest.mark.django_db(transaction=True)  # SQLite: the backup API waits for an open transaction
def test_the_archive_holds_a_manifest_the_database_and_both_media_roots(backups):
    private_storage.save("photos/a.jpg", ContentFile(b"photo"))
    default_storage.save("uploads/b.txt", ContentFile(b"text"))
    path = backup.create(now=datetime.datetime(2026, 11, 30, 2, 30, tzinfo=UTC))

    assert path.name == "5s-portal-20261130-023000.tar"
    with tarfile.open(path) as archive:
        names = set(archive.getnames())
        manifest = json.load(archive.extractfile("manifest.json"))
    database_file = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert {database_file, "media/uploads/b.txt", "private-media/photos/a.jpg"} <= names
    assert manifest["engine"] == connection.vendor
    assert manifest["media"] == {"media": {"files": 1}, "private-media": {"files": 1}}
    assert [p.name for p in backups.iterdir()] == [path.name]  # no partial or temporary left


@pytest.mark.django_db(transaction=True)
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_is_restored(backups, tmp_path):
    path = backup.create()
    private_storage.save("photos/kept.jpg", ContentFile(b"kept"))
    # Damage the database file inside the archive: same name, other bytes.
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(path) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name.startswith("database."):
                content = b"garbage"
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--no-input")
    not_a_backup = tmp_path / "notes.tar"
    with tarfile.open(not_a_backup, "w"):
        pass
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(not_a_backup), "--no-input")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / "photos" / "kept.jpg").exists()


@pytest.mark.django_db
def test_restore_without_a_backup_says_so(backups):
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", "latest", "--no-input")


def test_retention_keeps_two_weeks_of_dailies_and_the_first_of_each_of_25_months():
    now = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    daily = [now - datetime.timedelta(days=n) for n in range(0, 1000)]
    kept = backup.to_keep(daily, now=now, keep_days=14, keep_months=25)

    assert {now - datetime.timedelta(days=n) for n in range(14)} <= kept
    assert now - datetime.timedelta(days=14) not in kept
    firsts = sorted(moment for moment in kept if moment.day == 1)
    assert len(firsts) == 25  # November 2024 … November 2026
    assert min(kept).date() == datetime.date(2024, 11, 1)  # two years and a month back
    assert len(kept) == 14 + 25


def test_retention_never_removes_the_newest_backup():
    old = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    now = datetime.datetime(2026, 11, 30, tzinfo=UTC)
    assert backup.to_keep([old], now=now, keep_days=1, keep_months=1) == {old}


def test_prune_removes_only_what_the_rule_drops(tmp_path):
    now = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    for days in (0, 1, 20, 29, 40, 800):
        moment = now - datetime.timedelta(days=days)
        (tmp_path / f"5s-portal-{moment:%Y%m%d-%H%M%S}.tar").write_bytes(b"x")
    (tmp_path / "unrelated.txt").write_text("kept")

    removed = backup.prune(root=tmp_path, now=now, keep_days=14, keep_months=25)

    # 20 days back (10.11) is not the first of November (01.11 is 29 days back); 800 days back
    # (21.09.2024) is older than 25 months.
    assert sorted(p.name for p in removed) == [
        "5s-portal-20240921-030000.tar",
        "5s-portal-20261110-030000.tar",
    ]
    assert (tmp_path / "unrelated.txt").exists()
    assert len(backup.backups(tmp_path)) == 4


def test_the_daily_schedule_waits_until_the_next_run():
    moscow = datetime.timezone(datetime.timedelta(hours=3))
    before = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=moscow)
    after = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=moscow)
    at = datetime.time(2, 30)
    assert seconds_until(before, at) == 90 * 60
    assert seconds_until(after, at) == 23.5 * 3600


def test_a_malformed_schedule_is_refused():
    with pytest.raises(CommandError, match="HH:MM"):
        call_command("backup", "--daily-at", "half past two")
