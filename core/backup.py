"""Backups that restore (issue 13, item 5).

One backup is one tar archive under ``settings.BACKUP_ROOT``, named by the moment it was made
(``5s-portal-20261130-021500.tar``, UTC), holding:

- ``manifest.json``: format, database engine, when, SHA-256 of the database file, file counts;
- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, one consistent snapshot) or
  ``database.sqlite3`` (SQLite: a consistent copy made with the sqlite3 backup API, safe while
  the portal writes);
- ``media/`` and ``private-media/``: the contents of MEDIA_ROOT and PRIVATE_MEDIA_ROOT (uploads,
  photos of the photo reports, generated and published documents).

The archive is written under a temporary name and renamed when complete, so a backup cut short
never looks like one. Restoring loads the database into the configured one and replaces the
contents of both media roots (the roots themselves stay: they are volume mount points).

Retention (``prune``): every backup of the last BACKUP_KEEP_DAYS days, and the first backup of
each of the last BACKUP_KEEP_MONTHS calendar months; the newest is never removed. With the
default 25 months a copy of every final sheet, summary and photo report outlives the two years
for which Regulation §5.8 (L5493) and Appendix 5 §6.3 require their electronic versions kept.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
PREFIX = "5s-portal-"
SUFFIX = ".tar"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
NAME_PATTERN = re.compile(r"^5s-portal-(\d{8}-\d{6})(?:-(\d+))?\.tar$")
MANIFEST = "manifest.json"
POSTGRES_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: datetime.datetime  # UTC, from the name


def media_roots() -> dict[str, Path]:
    """The folders a backup holds, by their name inside the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private-media": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def backup_root() -> Path:
    return Path(settings.BACKUP_ROOT)


def engine() -> str:
    vendor = connection.vendor
    if vendor not in (POSTGRESQL, SQLITE):
        raise BackupError(f"Unsupported database engine: {vendor}")
    return vendor


# --- listing and retention -----------------------------------------------------------------------


def parse_name(name: str) -> datetime.datetime | None:
    match = NAME_PATTERN.match(name)
    if not match:
        return None
    moment = datetime.datetime.strptime(match.group(1), STAMP_FORMAT)
    return moment.replace(tzinfo=datetime.UTC)


def backups(root: Path | None = None) -> list[Backup]:
    """The complete backups under the root, oldest first."""
    root = backup_root() if root is None else root
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        created = parse_name(path.name)
        if created is not None and path.is_file():
            found.append(Backup(path=path, created_at=created))
    return sorted(found, key=lambda backup: (backup.created_at, backup.path.name))


def to_keep(
    moments: list[datetime.datetime], *, now: datetime.datetime, keep_days: int, keep_months: int
) -> set[datetime.datetime]:
    """The retention rule over the backups' moments: all of the last `keep_days` days, the first
    of each of the last `keep_months` calendar months (this month counted), and the newest."""
    if not moments:
        return set()
    keep = {max(moments)}
    keep |= {moment for moment in moments if now - moment < datetime.timedelta(days=keep_days)}
    oldest_month = now.year * 12 + now.month - 1 - (keep_months - 1)
    first_of_month: dict[int, datetime.datetime] = {}
    for moment in sorted(moments):
        month = moment.year * 12 + moment.month - 1
        if month >= oldest_month:
            first_of_month.setdefault(month, moment)
    keep |= set(first_of_month.values())
    return keep


def prune(
    *,
    root: Path | None = None,
    now: datetime.datetime | None = None,
    keep_days: int | None = None,
    keep_months: int | None = None,
) -> list[Path]:
    """Remove the backups the retention rule no longer keeps; return their paths."""
    now = timezone.now() if now is None else now
    keep_days = settings.BACKUP_KEEP_DAYS if keep_days is None else keep_days
    keep_months = settings.BACKUP_KEEP_MONTHS if keep_months is None else keep_months
    found = backups(root)
    kept = to_keep(
        [backup.created_at for backup in found],
        now=now,
        keep_days=keep_days,
        keep_months=keep_months,
    )
    removed = []
    for backup in found:
        if backup.created_at not in kept:
            backup.path.unlink()
            removed.append(backup.path)
    return removed


# --- making a backup -----------------------------------------------------------------------------


def _postgres_environment() -> dict[str, str]:
    params = connection.settings_dict
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    return environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(folder: Path) -> Path:
    if engine() == POSTGRESQL:
        target = folder / POSTGRES_FILE
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            _postgres_environment(),
        )
        return target
    target = folder / SQLITE_FILE
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The backup API copies a consistent snapshot even while other processes write.
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def _free_name(root: Path, now: datetime.datetime) -> Path:
    stem = f"{PREFIX}{now.astimezone(datetime.UTC).strftime(STAMP_FORMAT)}"
    path, number = root / f"{stem}{SUFFIX}", 1
    while path.exists():
        number += 1
        path = root / f"{stem}-{number}{SUFFIX}"
    return path


def create(*, root: Path | None = None, now: datetime.datetime | None = None) -> Path:
    """Make one backup of the database and both media roots; return the archive's path."""
    root = backup_root() if root is None else root
    now = timezone.now() if now is None else now
    root.mkdir(parents=True, exist_ok=True)
    final = _free_name(root, now)
    partial = root / f".{final.name}.partial"
    with tempfile.TemporaryDirectory(dir=root, prefix=".dump-") as folder:
        database = _dump_database(Path(folder))
        roots = media_roots()
        manifest = {
            "format": FORMAT,
            "engine": engine(),
            "created_at": now.astimezone(datetime.UTC).isoformat(),
            "database": {"file": database.name, "sha256": _sha256(database)},
            "media": {name: {"files": _count_files(path)} for name, path in roots.items()},
        }
        try:
            with tarfile.open(partial, "w") as archive:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(now.timestamp())
                archive.addfile(info, io.BytesIO(data))
                archive.add(database, arcname=database.name)
                for name, path in roots.items():
                    if path.is_dir():
                        archive.add(path, arcname=name)
                    else:
                        folder_info = tarfile.TarInfo(name)
                        folder_info.type, folder_info.mode = tarfile.DIRTYPE, 0o755
                        archive.addfile(folder_info)
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
    return final


# --- restoring -----------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path) as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{path} is not a backup of the portal: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    return manifest


def resolve(name: str, root: Path | None = None) -> Path:
    """A path, a file name under BACKUP_ROOT, or «latest»."""
    if name == "latest":
        found = backups(root)
        if not found:
            raise BackupError(f"No backup under {backup_root() if root is None else root}")
        return found[-1].path
    path = Path(name)
    if not path.exists() and not path.is_absolute():
        path = (backup_root() if root is None else root) / name
    if not path.is_file():
        raise BackupError(f"No backup file {name}")
    return path


def _load_database(file: Path, kind: str) -> None:
    if kind == POSTGRESQL:
        # Release this process's own connection first: its locks would block the restore.
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_postgres_environment().get('PGDATABASE', '')}",
                str(file),
            ],
            _postgres_environment(),
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(file)
    try:
        # Page by page into the live database (a file or the test suite's in-memory one).
        source.backup(connection.connection)
    finally:
        source.close()


def _replace_contents(target: Path, source: Path) -> None:
    """Empty the folder (not the folder itself: it may be a volume's mount point), then copy."""
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def restore(path: Path) -> dict:
    """Load the backup into the configured database and media roots; return its manifest."""
    manifest = read_manifest(path)
    if manifest["engine"] != engine():
        raise BackupError(
            f"{path.name} is a {manifest['engine']} backup; this portal runs on {engine()}"
        )
    with tempfile.TemporaryDirectory(prefix="5s-restore-") as folder:
        unpacked = Path(folder)
        with tarfile.open(path) as archive:
            archive.extractall(unpacked, filter="data")
        database = unpacked / manifest["database"]["file"]
        if not database.is_file() or _sha256(database) != manifest["database"]["sha256"]:
            raise BackupError(f"{path.name}: the database file is damaged (checksum differs)")
        _load_database(database, manifest["engine"])
        for name, root in media_roots().items():
            _replace_contents(root, unpacked / name)
    return manifest
