#!/usr/bin/env python
"""Scale benchmark of the region's view (`make bench`, not part of the test suite).

Builds a region of 1,000 agencies with 24 months of signed external audits (4 auditors × 35
criteria each, i.e. 24,000 audits and 3.36 million scores) in a SEPARATE database, then
measures and prints, with each one's query count (issue 18's table):

- the Appendix 13 summary selector (reports.selectors.summary_rows) next to the cheapest
  correct SQL (the floor: a LATERAL top-1 per agency on the (agency_id, date) index for the
  state at the month's end and at the previous month's end), checked to return the same rows;
- the summary report as XLSX and as PDF (and the PDF's peak memory, in a child process), one
  final sheet (Appendix 12) as PDF;
- the governor's dashboard page (server time of GET /reports/ through Django's test client, as
  an administrator), uncached and cached, and its HTML size;
- the dashboard under 3 concurrent viewers on gunicorn (gunicorn.conf.py, as the Dockerfile) with
  /healthz/'s latency meanwhile;
- with --history: the summary selector on 200 agencies × 120 months against 200 × 24, each in
  a database of its own (run as child processes of this script).

The database is PostgreSQL on 127.0.0.1:5432 (user postgres) when reachable — `fives_bench`
for the default 1,000 × 24 region, `fives_bench_<agencies>x<months>` for any other size (so
`--agencies 10000` has its own) — otherwise a SQLite file under var/. The main and test
databases are never touched. Data is built once and reused; pass --rebuild to start again.

    make bench                       # defaults
    make bench BENCH_ARGS="--repeat 1"
    make bench BENCH_ARGS="--agencies 10000"
    make bench BENCH_ARGS="--history"
"""

import argparse
import datetime
import io
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PG_SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
PG_NAME = "fives_bench"
SQLITE_PATH = BASE_DIR / "var" / "bench.sqlite3"
DEFAULT_SIZE = (1000, 24)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--auditors", type=int, default=4, help="auditors per audit")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite even if PG is up")
    parser.add_argument(
        "--history", action="store_true", help="also the history-growth case (own databases)"
    )
    parser.add_argument("--history-agencies", type=int, default=200)
    parser.add_argument(
        "--history-months", default="24,120", help="the short and the long history, in months"
    )
    parser.add_argument(
        "--viewers-seconds", type=float, default=20, help="length of the concurrent-viewers run"
    )
    parser.add_argument("--no-server", action="store_true", help="skip the concurrent viewers")
    parser.add_argument("--summary-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pdf-memory-only", metavar="MONTH", help=argparse.SUPPRESS)
    return parser.parse_args()


def database_name(args):
    """`fives_bench` for the default region, a database of its own for any other size."""
    if (args.agencies, args.months) == DEFAULT_SIZE:
        return PG_NAME
    return f"{PG_NAME}_{args.agencies}x{args.months}"


def choose_database(args):
    """Point Django at the bench database BEFORE it is imported."""
    name = database_name(args)
    sqlite_path = SQLITE_PATH.with_name(name.replace(PG_NAME, "bench") + ".sqlite3")
    if not args.sqlite:
        try:
            import psycopg2

            connection = psycopg2.connect(dbname="postgres", connect_timeout=3, **PG_SERVER)
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                exists = cursor.fetchone() is not None
                if exists and args.rebuild:
                    cursor.execute(f'DROP DATABASE "{name}"')
                    exists = False
                if not exists:
                    cursor.execute(f'CREATE DATABASE "{name}"')
            connection.close()
            url = "postgres://{user}@{host}:{port}/".format(**PG_SERVER) + name
            return url, f"PostgreSQL {name} on {PG_SERVER['host']}:{PG_SERVER['port']}"
        except Exception as exc:  # any failure means «no PostgreSQL here»
            print(f"PostgreSQL not reachable ({exc.__class__.__name__}); using SQLite.")
    sqlite_path.parent.mkdir(exist_ok=True)
    if args.rebuild and sqlite_path.exists():
        sqlite_path.unlink()
    return f"sqlite:///{sqlite_path}", f"SQLite {sqlite_path.relative_to(BASE_DIR)}"


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
    assert PG_NAME in name or "bench" in Path(name).name, f"refusing to run on {name}"


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
            [CorrectiveActionPlan(audit=audit, status="approved") for audit in latest.values()]
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
    # The region's state (audits.state) as signing would have kept it: the rows above were
    # written directly, so it is rebuilt from them like `manage.py rebuild_region_state`.
    from audits.state.services import rebuild

    rebuild()
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

# The cheapest correct query (issue 18): per agency, a top-1 on the (agency_id, date) index for
# the state at the month's end, at the previous month's end, and the signed audit before the
# latest one. Its cost follows the agencies, not the history.
FLOOR_SQL = """
SELECT g.id, g.short_name, l.id, l.date, l.steps, l.overall, b.overall, p.overall
FROM agencies_agency g
LEFT JOIN LATERAL (
    SELECT a.id, a.date, jsonb_array_length(a.completed_steps) AS steps, f.overall
    FROM audits_audit a JOIN audits_finalscoresheet f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = 'finalised' AND a.date <= %s
    ORDER BY a.date DESC LIMIT 1
) l ON true
LEFT JOIN LATERAL (
    SELECT f.overall
    FROM audits_audit a JOIN audits_finalscoresheet f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = 'finalised' AND a.date <= %s
    ORDER BY a.date DESC LIMIT 1
) b ON true
LEFT JOIN LATERAL (
    SELECT f.overall
    FROM audits_audit a JOIN audits_finalscoresheet f ON f.audit_id = a.id
    WHERE a.agency_id = g.id AND a.status = 'finalised' AND a.date < l.date
    ORDER BY a.date DESC LIMIT 1
) p ON true
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


def check_floor(selector_rows, floor_rows):
    """The floor and the selector agree row by row: agency, audit, date, steps, overall, the
    change against the previous month's end and against the previous audit."""
    from audits import scoring
    from reports.summary import change_of, period_change

    assert len(selector_rows) == len(floor_rows), "selector and floor disagree on the rows"
    for row, (agency, _name, audit, day, steps, overall, before, previous) in zip(
        selector_rows, floor_rows, strict=True
    ):
        expected = (
            agency,
            audit,
            day,
            steps,
            scoring.display(overall),
            period_change(overall, before) if audit else None,
            change_of(overall, previous) if audit else None,
        )
        got = (
            row.agency,
            row.audit,
            row.audit_date,
            row.completed_steps,
            row.overall,
            row.change,
            row.change_since_previous_audit,
        )
        assert got == expected, f"selector {got} != floor {expected}"


def summary_pair(month, repeat):
    """The summary selector and the LATERAL floor, checked to agree."""
    from django.db import connection

    from core.periods import month_end, previous_month
    from reports import selectors

    end, before = month_end(month), month_end(previous_month(month))

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [end, before])
            return cursor.fetchall()

    selector = measure(
        "summary selector (Appendix 13)", lambda: selectors.summary_rows(month=month), repeat
    )
    lateral = measure("LATERAL top-1 floor", floor, repeat)
    check_floor(selector["result"], lateral["result"])
    return selector, lateral


def _status_hwm():
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, value = line.split(":")
                fields[name] = int(value.split()[0]) * 1024
    return fields


def pdf_peak_memory(args, month):
    """Peak resident memory of a fresh process that makes the summary PDF, as a Celery worker
    does: (peak, growth) in bytes, growth counted from the process's size once Django is set up
    and warmed up as the worker is.
    A process of its own (this script again, `--pdf-memory-only`): a child forked from this one
    would start with everything the earlier measurements left in memory."""
    return _child_result(
        args,
        ["--agencies", str(args.agencies), "--months", str(args.months)],
        ["--pdf-memory-only", month.isoformat()],
    )


def run_pdf_memory_only(month):
    from core.warmup import warm_up_process
    from reports import documents

    warm_up_process()  # as the Celery worker starts (fives_portal.celery)
    start = _status_hwm()["VmRSS"]
    documents.summary_pdf(datetime.date.fromisoformat(month))
    peak = _status_hwm()["VmHWM"]
    print("RESULT " + json.dumps([peak, peak - start]))
    return 0


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def concurrent_viewers(url, cookie, pages, seconds):
    """Gunicorn configured as the Dockerfile (gunicorn.conf.py) on the bench database; 3 viewers
    load the dashboard's pages one after another (the first time each page is rendered, then cached)
    while /healthz/ is asked every 50 ms. Returns the latencies in seconds."""
    import requests

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "fives_portal.settings.local",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Persistent connections, as the production settings keep them (CONN_MAX_AGE=60):
        # without, every request forks a PostgreSQL backend, about 8 ms here, and /healthz/
        # would measure that rather than a worker's availability.
        "CONN_MAX_AGE": "60",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "fives_portal.wsgi:application",
            "-c",
            str(BASE_DIR / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--chdir",
            str(BASE_DIR),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{base}/healthz/?part=database", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        health_url = f"{base}/healthz/?part=database"
        # Every worker answers once before anything is timed (each imports the portal on its
        # first request), then /healthz/ alone.
        _probe_health(health_url, seconds=2)
        idle = _probe_health(health_url, seconds=2)
        stop = time.monotonic() + seconds
        pages_seen, errors = [], []

        def viewer(offset):
            session = requests.Session()
            session.cookies.set("sessionid", cookie)
            number = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = session.get(f"{base}/reports/?page={number % pages + 1}", timeout=120)
                pages_seen.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors.append(response.status_code)
                number += 3

        threads = [threading.Thread(target=viewer, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        health = _probe_health(health_url, seconds=max(seconds - 1, 1))
        for thread in threads:
            thread.join()
        return {"idle": idle, "health": health, "pages": pages_seen, "errors": errors}
    finally:
        server.terminate()
        server.wait(timeout=30)


# /healthz/ is timed from a process of its own: timed from a thread beside the three viewers,
# it waited for this process's GIL while they parsed their pages, and measured that.
_HEALTH_PROBE = """
import json, sys, time, urllib.request
url, until = sys.argv[1], time.monotonic() + float(sys.argv[2])
times = []
while time.monotonic() < until:
    started = time.perf_counter()
    urllib.request.urlopen(url, timeout=120).read()
    times.append(time.perf_counter() - started)
    time.sleep(0.05)
print(json.dumps(times))
"""


def _probe_health(url, seconds):
    """/healthz/ asked every 50 ms for `seconds` by a separate process: the latencies."""
    output = subprocess.run(
        [sys.executable, "-c", _HEALTH_PROBE, url, str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def _percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def history_case(args):
    """The summary selector and the floor on `--history-agencies` agencies with the short and
    the long history, each in its own database (child processes of this script)."""
    results = {}
    for months in [int(value) for value in args.history_months.split(",")]:
        results[months] = _child_result(
            args,
            ["--agencies", str(args.history_agencies), "--months", str(months)],
            ["--repeat", str(args.repeat), "--summary-only"],
        )
    return results


def _child_result(args, size, task):
    """Run this script again in a process of its own on the region `size` (its --agencies and
    --months) for one `task`, and return what it printed on its «RESULT » line (JSON)."""
    command = [sys.executable, __file__, *size, *task] + (["--sqlite"] if args.sqlite else [])
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def celery_workers(run):
    count = run.get("celery", 0)
    return f"Celery worker ×{count}" if count else "no broker"


def last_load_test():
    """Issue 18's load-test row, read from the last `make load` (scripts/load.sh writes
    var/load/run.json beside locust's CSV): the load test runs the demo region on gunicorn with
    the production settings, not the bench database, so it is a command of its own."""
    import csv

    folder = BASE_DIR / "var" / "load"
    try:
        run = json.loads((folder / "run.json").read_text())
        with open(folder / "locust_stats.csv", newline="") as stats:
            total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    except (OSError, ValueError, StopIteration):
        return ("load test (not run: `make load LOAD_USERS=100`)", "—", False)
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    return (
        f"load test, {run['users']} users, mixed flows incl. logins (make load, {run['time']}, "
        f"{run['workers']} workers, {celery_workers(run)}, {run['finished']}; "
        f"{total['Request Count']} requests, "
        f"{float(total['Requests/s']):.0f} RPS), p95 and errors",
        f"{p95:.0f} ms, {errors} errors",
        p95 <= 150 and errors == 0 and run["users"] >= 100,
    )


def latest_month():
    from audits.models import Audit

    return Audit.objects.order_by("-date").values_list("date", flat=True).first().replace(day=1)


def run_summary_only(args):
    selector, lateral = summary_pair(latest_month(), args.repeat)
    print(
        "RESULT "
        + json.dumps(
            {
                "selector": selector["median"],
                "floor": lateral["median"],
                "queries": selector["queries"],
            }
        )
    )
    return 0


def admin_client():
    from django.contrib.auth.models import User
    from django.test import Client

    admin, _created = User.objects.get_or_create(
        username="bench_admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    return client


def ensure_indicator_sheets():
    """Four quarterly indicator sheets per agency (§4.7, Appendix 8; L549), the latest with its
    change against the initial state, for the region's indicator view (issue 16: within 100 ms
    of server time at 1,000 agencies). Written once into a bench database that has none."""
    import datetime
    from decimal import Decimal

    from agencies.indicators.models import IndicatorSheet
    from agencies.models import Agency

    if IndicatorSheet.objects.exists():
        return
    today = datetime.date.today()
    sheets = []
    for index, agency_id in enumerate(Agency.objects.values_list("pk", flat=True)):
        for quarter in range(4):
            latest = quarter == 3
            sheets.append(
                IndicatorSheet(
                    agency_id=agency_id,
                    date=today - datetime.timedelta(days=91 * (3 - quarter) + index % 20),
                    status="approved",
                    is_initial=quarter == 0,
                    is_latest=latest,
                    time_change=Decimal(-(index % 40)) if latest else None,
                    cost_change=Decimal(-(index % 25)) if latest else None,
                )
            )
    IndicatorSheet.objects.bulk_create(sheets, batch_size=2000)


def run(args, database, url):
    from django.core.cache import cache
    from django.db import connection

    from agencies.models import Agency
    from audits.models import Audit, Score
    from reports import documents
    from reports.choices import DASHBOARD_PAGE_SIZE

    month = latest_month()
    audit = Audit.objects.filter(agency__short_name__startswith="Департамент").latest("date")
    client = admin_client()
    sizes = []

    def dashboard(cold):
        def get():
            if cold:
                cache.clear()
            response = client.get("/reports/")
            assert response.status_code == 200, response.status_code
            sizes.append(len(response.content))
            return len(response.content)

        return get

    ensure_indicator_sheets()

    def indicators_page():
        response = client.get("/agencies/indicators/")
        assert response.status_code == 200, response.status_code
        return len(response.content)

    postgres = connection.vendor == "postgresql"
    if postgres:
        selector, lateral = summary_pair(month, args.repeat)
        summary = [selector, lateral]
    else:  # no LATERAL in SQLite: the selector alone
        from reports import selectors

        summary = [
            measure("summary selector", lambda: selectors.summary_rows(month=month), args.repeat)
        ]
    results = [
        *summary,
        measure("summary XLSX", lambda: len(documents.summary_xlsx(month)), args.repeat),
        measure("summary PDF", lambda: len(documents.summary_pdf(month)), args.repeat),
        measure(
            "final sheet PDF (Appendix 12)",
            lambda: len(documents.final_sheet_pdf(audit)),
            args.repeat,
        ),
        measure("dashboard GET /reports/ (uncached)", dashboard(cold=True), args.repeat),
        measure("dashboard GET /reports/ (cached)", dashboard(cold=False), args.repeat),
        measure("region indicator view GET /agencies/indicators/", indicators_page, args.repeat),
    ]
    pdf_peak, pdf_growth = pdf_peak_memory(args, month)
    viewers = None
    if not args.no_server:
        cookie = admin_client().cookies["sessionid"].value
        pages = max(1, -(-Agency.objects.count() // DASHBOARD_PAGE_SIZE))
        viewers = concurrent_viewers(url, cookie, pages, args.viewers_seconds)

    agencies = Agency.objects.count() - 1
    print()
    print(f"Database: {database} ({connection.vendor})")
    print(
        f"Region: {agencies} agencies, {Audit.objects.count()} signed audits, "
        f"{Score.objects.count()} scores; summary as of {month:%Y-%m}, "
        f"{len(results[0]['result'])} rows"
    )
    print(
        f"Machine: {os.cpu_count()} CPU, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {platform.platform()}"
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
    print(f"(first run: cold caches, its queries counted; median and best of {args.repeat} runs)")
    print()
    by_label = {r["label"]: r for r in results}
    goals = []
    if postgres:
        ratio = (
            by_label["summary selector (Appendix 13)"]["median"]
            / by_label["LATERAL top-1 floor"]["median"]
        )
        goals.append(
            ("summary selector ÷ LATERAL floor (same rows)", f"{ratio:.2f}×", ratio <= 1.5)
        )
    page = by_label["dashboard GET /reports/ (uncached)"]["median"]
    page_goal = 0.1 if agencies <= 1000 else 0.2
    goals.append(
        (f"dashboard page server time, {agencies} agencies", f"{page:.3f} s", page <= page_goal)
    )
    indicators = by_label["region indicator view GET /agencies/indicators/"]["median"]
    # Issue 16 set its goal at 1,000 agencies, and issue 18 the PDF's time at 1,000 (its
    # memory at 10,000): at other sizes these rows are measurements, not goals.
    at_goal_size = agencies <= 1000
    goals.append(
        (
            f"region indicator view, {agencies} agencies (issue 16)",
            f"{indicators:.3f} s",
            indicators <= 0.1 if at_goal_size else None,
        )
    )
    html = max(sizes) if sizes else 0
    goals.append(("dashboard HTML", f"{html / 1024:.0f} KB", html <= 300 * 1024))
    pdf = by_label["summary PDF"]["median"]
    goals.append(
        (f"summary PDF, {agencies} agencies", f"{pdf:.2f} s", pdf <= 1 if at_goal_size else None)
    )
    goals.append(
        (
            f"summary PDF peak memory, {agencies + 1} rows (growth)",
            f"{pdf_peak / 2**20:.0f} MB ({pdf_growth / 2**20:.0f} MB)",
            pdf_peak <= 300 * 2**20,
        )
    )
    if viewers:
        p50 = _percentile(viewers["health"], 0.5)
        goals.append(
            (
                "/healthz/ p50 while 3 dashboards load "
                f"(idle {_percentile(viewers['idle'], 0.5) * 1000:.1f} ms, "
                f"p95 {_percentile(viewers['health'], 0.95) * 1000:.0f} ms, "
                f"dashboard p50 {_percentile(viewers['pages'], 0.5) * 1000:.0f} ms, "
                f"{len(viewers['pages'])} pages, {len(viewers['errors'])} errors)",
                f"{p50 * 1000:.1f} ms",
                p50 <= 0.010 and not viewers["errors"],
            )
        )
    if args.history:
        history = history_case(args)
        short, long = sorted(history)
        growth = history[long]["selector"] / history[short]["selector"]
        floor_growth = history[long]["floor"] / history[short]["floor"]
        goals.append(
            (
                f"summary selector, {args.history_agencies} × {long} months ÷ "
                f"{args.history_agencies} × {short} (floor: {floor_growth:.2f}×)",
                f"{growth:.2f}×",
                growth <= 1.3,
            )
        )
    goals.append(last_load_test())
    print("Issue 18's goals:")
    for label, value, met in goals:
        verdict = "(no goal at this size)" if met is None else "OK" if met else "NOT MET"
        print(f"  {label}: {value} {verdict}")
    return 0


def main():
    args = parse_args()
    url, database = choose_database(args)
    setup_django(url)
    if args.pdf_memory_only:  # the database is built and migrated by the parent run
        return run_pdf_memory_only(args.pdf_memory_only)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.summary_only:
        print(f"Building the bench region in {database} …")
    build(args)
    if args.summary_only:
        return run_summary_only(args)
    return run(args, database, url)


if __name__ == "__main__":
    sys.exit(main())
