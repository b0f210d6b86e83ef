#!/usr/bin/env python
"""Scale benchmark of the region's view (`make bench`, not part of the test suite).

Builds a region of 1,000 agencies with 24 months of signed external audits (4 auditors × 35
criteria each, i.e. 24,000 audits and 3.36 million scores) in a SEPARATE database, then
measures and prints, with each one's query count:

- the Appendix 13 summary selector (reports.selectors.summary_rows) next to one hand-written
  SQL statement computing the same rows on the same database (the floor);
- the summary report as XLSX and as PDF, and one final sheet (Appendix 12) as PDF;
- the governor's dashboard page (server time of GET /reports/ through Django's test client).

The database is PostgreSQL `fives_bench` on 127.0.0.1:5432 (user postgres) when reachable,
otherwise a SQLite file var/bench.sqlite3. The main and test databases are never touched.
Data is built once and reused; pass --rebuild to start again.

    make bench                       # defaults
    make bench BENCH_ARGS="--agencies 200 --months 12 --repeat 5"
"""

import argparse
import datetime
import io
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PG_SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
PG_NAME = "fives_bench"
SQLITE_PATH = BASE_DIR / "var" / "bench.sqlite3"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--auditors", type=int, default=4, help="auditors per audit")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite even if PG is up")
    return parser.parse_args()


def choose_database(args):
    """Point Django at the bench database BEFORE it is imported."""
    if not args.sqlite:
        try:
            import psycopg2

            connection = psycopg2.connect(dbname="postgres", connect_timeout=3, **PG_SERVER)
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME])
                exists = cursor.fetchone() is not None
                if exists and args.rebuild:
                    cursor.execute(f'DROP DATABASE "{PG_NAME}"')
                    exists = False
                if not exists:
                    cursor.execute(f'CREATE DATABASE "{PG_NAME}"')
            connection.close()
            url = "postgres://{user}@{host}:{port}/".format(**PG_SERVER) + PG_NAME
            return url, f"PostgreSQL {PG_NAME} on {PG_SERVER['host']}:{PG_SERVER['port']}"
        except Exception as exc:  # any failure means «no PostgreSQL here»
            print(f"PostgreSQL not reachable ({exc.__class__.__name__}); using SQLite.")
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    if args.rebuild and SQLITE_PATH.exists():
        SQLITE_PATH.unlink()
    return f"sqlite:///{SQLITE_PATH}", f"SQLite {SQLITE_PATH.relative_to(BASE_DIR)}"


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ["MEDIA_ROOT"] = str(BASE_DIR / "var" / "bench-media")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "fives_portal.settings.local"
    import django

    django.setup()
    from django.conf import settings

    name = str(settings.DATABASES["default"]["NAME"])
    assert name.endswith((PG_NAME, "bench.sqlite3")), f"refusing to run on {name}"


# --- building the region ------------------------------------------------------------------------


def months_ending(last_month, count):
    from core.periods import months_back

    return months_back(last_month, count)


def build(args):
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from agencies.models import Agency, Person
    from audits import scoring
    from audits import services as audit_services
    from audits.choices import AuditStatus, SheetStatus
    from audits.models import (
        Audit,
        CorrectiveAction,
        CorrectiveActionPlan,
        Criterion,
        FinalScoreSheet,
        ScoreSheet,
    )
    from core import calendar
    from core.roles import Role

    if Audit.objects.exists():
        print(
            f"Reusing the bench region: {Agency.objects.count()} agencies, "
            f"{Audit.objects.count()} audits (pass --rebuild to start again)."
        )
        return
    started = time.perf_counter()
    version, _created = audit_services.checklist_load(
        path=BASE_DIR / "fixtures" / "checklist" / "checklist_2011.json"
    )
    criteria = list(Criterion.objects.filter(version=version).order_by("step_number", "position"))
    rng = random.Random(20111207)
    today = calendar.today()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    months = months_ending(last_month.replace(day=1), args.months)

    with transaction.atomic():
        home = Agency.objects.create(
            kind="executive_body",
            full_name="Аппарат Правительства области (рабочая группа)",
            short_name="Аппарат",
            staff_headcount=100,
        )
        auditors = Person.objects.bulk_create(
            [
                Person(agency=home, full_name=f"Аудитор {n:02d}", position="Член рабочей группы")
                for n in range(max(args.auditors * 2, 8))
            ]
        )
        agencies = Agency.objects.bulk_create(
            [
                Agency(
                    kind="executive_body",
                    full_name=f"Департамент № {n:04d} Ярославской области",
                    short_name=f"Департамент {n:04d}",
                    staff_headcount=40 + n % 200,
                    responsible_for_common_areas=True,
                    deployment_state="functioning",
                    steps_completed=5,
                )
                for n in range(args.agencies)
            ],
            batch_size=1000,
        )
        user, _created = User.objects.get_or_create(username="bench_governor")
        user.groups.add(Group.objects.get_or_create(name=Role.GOVERNOR_OFFICE)[0])

        audits = []
        for agency in agencies:
            for month in months:
                audits.append(
                    Audit(
                        agency=agency,
                        checklist=version,
                        date=month.replace(day=1 + agency.pk % 27),
                        completed_steps=[1, 2, 3, 4, 5],
                        common_areas=True,
                        status=AuditStatus.FINALISED,
                    )
                )
        audits = Audit.objects.bulk_create(audits, batch_size=5000)
        print(f"  {len(audits)} audits … ", end="", flush=True)
        sheets = ScoreSheet.objects.bulk_create(
            [
                ScoreSheet(
                    audit=audit,
                    auditor=auditors[(audit.pk + k) % len(auditors)],
                    status=SheetStatus.SUBMITTED,
                )
                for audit in audits
                for k in range(args.auditors)
            ],
            batch_size=5000,
        )
        sheets_of = {}
        for sheet in sheets:
            sheets_of.setdefault(sheet.audit_id, []).append(sheet)
        print(f"{len(sheets)} sheets … ", end="", flush=True)

        # Scores: a level per agency drifting month to month; auditors agree within 1 point
        # (no collegial decisions needed). Each audit's overall and step values are computed by
        # audits.scoring and stored exactly as signing stores them.
        buffer = io.StringIO()
        finals = []
        levels = {agency.pk: rng.uniform(2.2, 4.6) for agency in agencies}
        rows = 0
        for audit in audits:
            level = min(4.8, max(1.2, levels[audit.agency_id] + rng.uniform(-0.25, 0.3)))
            levels[audit.agency_id] = level
            given = {}
            for criterion in criteria:
                base = min(4, max(1, int(level + rng.uniform(-1, 1))))
                for sheet in sheets_of[audit.pk]:
                    score = base + (rng.random() < level - int(level))
                    given.setdefault(criterion.code, {})[sheet.auditor_id] = score
                    buffer.write(f"{sheet.pk}\t{criterion.pk}\t{score}\t\n")
                    rows += 1
            numbers = scoring.final_sheet(
                criteria=[(c.code, c.step_number) for c in criteria],
                applicable={c.code for c in criteria},
                scores=given,
                steps=[1, 2, 3, 4, 5],
            )
            finals.append(
                FinalScoreSheet(
                    audit=audit,
                    finalised_at=datetime.datetime.combine(
                        audit.date, datetime.time(12), tzinfo=datetime.UTC
                    ),
                    signer_name="Руководитель рабочей группы",
                    signed_on=audit.date,
                    overall=scoring.stored(numbers.overall),
                    step_values=scoring.stored_step_values(numbers.steps),
                    copy_due=audit.date + datetime.timedelta(days=7),
                    published=True,
                )
            )
        print(f"{rows} scores … ", end="", flush=True)
        buffer.seek(0)
        copy_scores(connection, buffer)
        FinalScoreSheet.objects.bulk_create(finals, batch_size=5000)

        latest = {}
        for audit in audits:
            latest[audit.agency_id] = audit
        plans = CorrectiveActionPlan.objects.bulk_create(
            [
                CorrectiveActionPlan(audit=audit, agency_id=agency_id, status="approved")
                for agency_id, audit in latest.items()
            ]
        )
        CorrectiveAction.objects.bulk_create(
            [
                CorrectiveAction(
                    plan=plan,
                    step=1 + n,
                    number=1,
                    criterion_code=f"{1 + n}.1",
                    remark="Замечание по итогам аудита",
                    planned_date=today - datetime.timedelta(days=10 - 10 * n),
                )
                for plan in plans
                for n in range(3)
            ],
            batch_size=5000,
        )
    print(f"done in {time.perf_counter() - started:.0f} s.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def copy_scores(connection, buffer):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.cursor.copy_expert(
                "COPY audits_score (sheet_id, criterion_id, score, note) FROM STDIN", buffer
            )
            return
        batch = []
        for line in buffer:
            sheet, criterion, score, note = line.rstrip("\n").split("\t")
            batch.append((int(sheet), int(criterion), int(score), note))
            if len(batch) >= 50000:
                cursor.executemany(
                    "INSERT INTO audits_score (sheet_id, criterion_id, score, note) "
                    "VALUES (%s, %s, %s, %s)",
                    batch,
                )
                batch = []
        if batch:
            cursor.executemany(
                "INSERT INTO audits_score (sheet_id, criterion_id, score, note) "
                "VALUES (%s, %s, %s, %s)",
                batch,
            )


# --- measuring -----------------------------------------------------------------------------------

FLOOR_SQL = """
WITH latest AS (
    SELECT agency_id, date, steps, overall, previous FROM (
        SELECT a.agency_id, a.date, {steps} AS steps, f.overall,
               LEAD(f.overall) OVER w AS previous, ROW_NUMBER() OVER w AS rank
        FROM audits_audit a
        JOIN audits_finalscoresheet f ON f.audit_id = a.id
        WHERE a.status = 'finalised' AND a.date <= %s
        WINDOW w AS (PARTITION BY a.agency_id ORDER BY a.date DESC, a.id DESC)
    ) ranked WHERE rank = 1
), before AS (
    SELECT agency_id, overall FROM (
        SELECT a.agency_id, f.overall, ROW_NUMBER() OVER (
            PARTITION BY a.agency_id ORDER BY a.date DESC, a.id DESC) AS rank
        FROM audits_audit a
        JOIN audits_finalscoresheet f ON f.audit_id = a.id
        WHERE a.status = 'finalised' AND a.date <= %s
    ) ranked WHERE rank = 1
)
SELECT g.id, g.short_name, l.date, l.steps, l.overall, b.overall AS state_before, l.previous
FROM agencies_agency g
LEFT JOIN latest l ON l.agency_id = g.id
LEFT JOIN before b ON b.agency_id = g.id
ORDER BY g.short_name, g.id
"""


def measure(label, function, repeat):
    from django.db import connection

    # Counted by an execute wrapper: the test client's request_started signal clears
    # connection.queries, so CaptureQueriesContext would miss a page's queries.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = function()
    first = time.perf_counter() - started
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return {
        "label": label,
        "first": first,
        "median": statistics.median(timings),
        "best": min(timings),
        "queries": len(executed),
        "result": result,
    }


def run(args, database):
    from django.db import connection
    from django.test import Client

    from agencies.models import Agency
    from audits.models import Audit, Score
    from core.periods import month_end
    from reports import documents, selectors

    month = Audit.objects.order_by("-date").values_list("date", flat=True).first().replace(day=1)
    end = month_end(month)
    steps_sql = (
        "jsonb_array_length(a.completed_steps)"
        if connection.vendor == "postgresql"
        else "json_array_length(a.completed_steps)"
    )
    floor_sql = FLOOR_SQL.format(steps=steps_sql)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(floor_sql, [end, month - datetime.timedelta(days=1)])
            return cursor.fetchall()

    audit = Audit.objects.filter(agency__short_name__startswith="Департамент").latest("date")
    client = Client()
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="bench_governor"))

    def dashboard():
        response = client.get("/reports/")
        assert response.status_code == 200, response.status_code
        return len(response.content)

    results = [
        measure(
            "summary selector (Appendix 13)",
            lambda: selectors.summary_rows(month=month),
            args.repeat,
        ),
        measure("hand-written SQL floor", floor, args.repeat),
        measure("summary XLSX", lambda: len(documents.summary_xlsx(month)), args.repeat),
        measure("summary PDF", lambda: len(documents.summary_pdf(month)), args.repeat),
        measure(
            "final sheet PDF (Appendix 12)",
            lambda: len(documents.final_sheet_pdf(audit)),
            args.repeat,
        ),
        measure("dashboard page GET /reports/", dashboard, args.repeat),
    ]
    selector, sql_floor = results[0], results[1]
    assert len(selector["result"]) == len(sql_floor["result"]), "selector and floor disagree"

    print()
    print(f"Database: {database} ({connection.vendor})")
    print(
        f"Region: {Agency.objects.count() - 1} agencies, {Audit.objects.count()} signed audits, "
        f"{Score.objects.count()} scores; summary as of {month:%Y-%m}, "
        f"{len(selector['result'])} rows"
    )
    print(
        f"Machine: {os.cpu_count()} CPU, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    print()
    width = max(len(r["label"]) for r in results)
    print(
        f"{'measurement':<{width}}  {'first run':>10}  {'median':>10}  {'best':>10}  {'queries':>7}"
    )
    for r in results:
        print(
            f"{r['label']:<{width}}  {r['first'] * 1000:>8.0f}ms  {r['median'] * 1000:>8.0f}ms  "
            f"{r['best'] * 1000:>8.0f}ms  {r['queries']:>7}"
        )
    print("(first run: cold caches, its queries counted; median and best of the next runs)")
    ratio = selector["median"] / sql_floor["median"]
    xlsx = results[2]["median"]
    print()
    print(
        f"selector / SQL floor: {ratio:.2f}× (acceptance: ≤ 3×) {'OK' if ratio <= 3 else 'NOT MET'}"
    )
    print(f"summary XLSX: {xlsx:.2f} s (acceptance: < 2 s) {'OK' if xlsx < 2 else 'NOT MET'}")
    return 0 if ratio <= 3 and xlsx < 2 else 1


def main():
    args = parse_args()
    url, database = choose_database(args)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Building the bench region in {database} …")
    build(args)
    return run(args, database)


if __name__ == "__main__":
    sys.exit(main())
