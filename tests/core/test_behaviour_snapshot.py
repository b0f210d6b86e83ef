"""Behaviour snapshot of the demo region (issue 11: «every page, endpoint, document and number is
the same before and after»).

The test builds the demo region exactly as `make demo` does, on a fresh set of primary keys and
at a frozen moment (Monday 16.11.2026 10:00 Moscow time, so every `today` and `now` of the
loaders and of the code is that moment), then records, as the administrator (and as the demo
team leader and auditor for the scoped endpoints):

- every GET endpoint under /api/v1/ found in the URLconf: each list (all pages), the detail of
  a sample of its objects, each GET action on them, the final sheet of every audit, the
  summary of the last three months, the sorting figures, the calculators' results;
- the generated documents: the summary and three final sheets as XLSX (every cell) and PDF
  (text), the offline score sheet, the sorting lists, the red tags;
- the visible text of the main pages of each demo role;

and compares the record with tests/snapshots/behaviour/*.json, printing the first differences
(path in the JSON, expected, got).

What legitimately varies is normalised: database ids become `<namespace>#<n>`, numbered in
the order of each namespace's own list (then of first appearance), also inside URLs; the
stamps of creation, tokens, checksums and sizes of files, the portal's host. Numbers, dates,
names, statuses and texts are kept. Two things the database decides are pinned or normalised
(see UNORDERED_MODELS and UNQUANTISED_PAGES): rows read without an order, and the Decimals
SQLite returns unquantised on the workplaces page.

If you add an API field that holds an id, name its kind in ID_KEYS. A run with
SNAPSHOT_ID_OFFSET=100000 (every table's ids start there) shows any id that escapes
normalisation: its only expected differences are the teams' order numbers («40 + pk»).

A change that is MEANT to alter behaviour regenerates the snapshot and says so in its commit:

    UPDATE_SNAPSHOT=1 .venv/bin/pytest tests/core/test_behaviour_snapshot.py -n0

then review `git diff tests/snapshots/` (every line of it is a behaviour change).
"""

import datetime
import io
import json
import os
import re
import zoneinfo
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.demo import load_full_demo

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
MONTHS = ["2026-09", "2026-10", "2026-11"]  # the summary of the last three months
SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "snapshots" / "behaviour"
UPDATE = os.environ.get("UPDATE_SNAPSHOT", "") not in ("", "0")
API = "/api/v1/"
PAGE_SIZE = 500  # the API's largest page; pages are followed anyway
SAMPLES = 3  # details recorded per list: the first, the middle and the last object
DEMO_ROLES = ["admin", "governor", "wg_head", "auditor", "leader", "member", "employee", "leader2"]

# Keys whose integer values (or lists of them) are ids of another namespace. A list of
# objects under such a key has its objects' "id" in that namespace.
ID_KEYS = {
    "agency": "agencies",
    "agencies": "agencies",
    "person": "people",
    "auditor": "people",
    "auditors": "people",
    "leader": "people",
    "members": "people",
    "participants": "people",
    "storage_keeper": "people",
    "approver": "people",
    "audit": "audits",
    "plan": "action-plans",
    "internal_audit": "internal-audits",
    "part": "workspace-parts",
    "before": "photos",
    "after": "photos",
    "photo": "photos",
    "round": "sorting-rounds",
    "sorting_round": "sorting-rounds",
    "list": "sorting-lists",
    "lines": "sorting-lines",
    "list_line": "sorting-lines",
    "line": "sorting-lines",
    "red_tag": "red-tags",
    "room_id": "rooms",
    "room_ids": "rooms",
    "admission": "storage-admissions",
    "reason": "classifier",
    "action": "classifier",
    "regularity": "classifier",
    "decision": "classifier",
    "actions": "corrective-actions",
    "corrective_action": "corrective-actions",
    "workplace": "productivity/workplaces",
    "study": "productivity/studies",
    "document": "reports",
    "publication": "publications",
    "standard": "standards",
    "approved_version": "standard-versions",
    "responsible": "people",
    "attendees": "people",
    # The information board (§4.9): its responsible members, a remark's author and proposal.
    "collector": "people",
    "designer": "people",
    "author": "people",
    "proposal": "proposals",
}
# Objects whose keys are ids (the final sheet's scores, votes and notes by auditor) and
# objects whose values are ids (a sorting round's lists by kind).
ID_DICT_KEYS = {"scores": "people", "votes": "people", "notes": "people"}
ID_DICT_VALUES = {"lists": "sorting-lists"}
# The segment before a number in a URL names the number's namespace.
URL_SEGMENTS = {
    "tags": "red-tags",
    "versions": "standard-versions",
    "checklists": "daily-checklists",
    "sheets": "people",
    "documents": "reports",
    "knowledge-base": "publications",
    "lists": "sorting-lists",
    "lines": "sorting-lines",
    "rounds": "sorting-rounds",
    "zone": "agencies",
    "internal": "agencies",
    "studies": "productivity/studies",
    "workplaces": "productivity/workplaces",
}
# Stamps of when a row was written, and values that differ on every run.
STAMP_KEYS = {
    "created_at",
    "updated_at",
    "uploaded_at",
    "published_at",
    "loaded_at",
    "recorded_at",
    "checked_at",
    "finished_at",
}
# Rows the code reads without an order, so that the database decides it (SQLite by an index,
# PostgreSQL by the heap): pinned to their insertion order for the test. load_demo_sorting takes
# a round's participants and the tags' owners from a team's memberships in that order, and the
# internal audits' scores are listed in it.
UNORDERED_MODELS = ["agencies.TeamMembership", "audits.InternalScore"]
VOLATILE_KEYS = {"token": "<token>", "checksum": "<checksum>", "size": "<size>"}
HOST = re.compile(r"https?://[^/\s\"]+")
# Ids inside text: URLs ("/sorting/tags/8/", also when a PDF breaks the line before
# "tags/8/"), file names ("audit-68-sheet-334.xlsx", "red-tag-2-4.pdf" of agency 2,
# "unneeded-items-3-2026-10-12.pdf" of agency 3) and document titles («аудит № 62»).
TEXT_IDS = [
    (re.compile(r"(?<![\w.])([a-z][a-z_-]*)/(\d+)(?=/|\?|$|\s|\")"), None),
    (re.compile(r"\b(audit)-(\d+)"), "audits"),
    (re.compile(r"\b(sheet)-(\d+)"), "people"),
    (re.compile(r"\b(red-tag)-(\d+)-"), "agencies"),
    (re.compile(r"\b(items)-(\d+)-"), "agencies"),
    (re.compile(r"(аудит №) ?(\d+)"), "audits"),
]
# SQLite gives the Decimals the workplaces page reads through a subquery unquantised
# ("0,766500000000000" and "1" where PostgreSQL gives "0,7665" and "1,0000"): on that page a
# number is compared without its trailing zeros.
UNQUANTISED_PAGES = {"/productivity/workplaces/"}
NUMBER = re.compile(r"-?\d+(,\d+)?")


# --- building the demo region ---------------------------------------------------------------


def _restart_id_sequences(offset=0):
    """Start every table's ids where a fresh database starts them (`make demo` runs on one).

    Earlier tests move the sequences (PostgreSQL never rolls them back; SQLite keeps them for
    rows a transactional test flushed), and load_demo derives data from primary keys (a team's
    order number is «40 + pk», a preparing agency forms its team when its pk is even).

    With an (even) offset every table starts after it instead: SNAPSHOT_ID_OFFSET=100000 then
    shows any id that escapes normalisation (the only expected differences are the teams'
    order numbers)."""
    models = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        if offset and connection.vendor == "sqlite":
            for model in models:
                table = model._meta.db_table
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, offset]
                )
        elif offset:
            for model in models:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [model._meta.db_table, model._meta.pk.column, offset],
                )
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_sequence")
            for (table,) in cursor.fetchall():
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = "
                    f"(SELECT COALESCE(MAX(rowid), 0) FROM {connection.ops.quote_name(table)}) "
                    "WHERE name = %s",
                    [table],
                )
        else:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def _load_demo_region():
    _restart_id_sequences(int(os.environ.get("SNAPSHOT_ID_OFFSET") or 0))
    load_full_demo()


# --- normalisation --------------------------------------------------------------------------


class Ids:
    """Database ids renumbered per namespace: `agencies#3` is the third agency of the agency
    list, whatever its primary key on this database."""

    def __init__(self):
        self.numbers = {}

    def register(self, namespace, value):
        table = self.numbers.setdefault(namespace, {})
        if value not in table:
            table[value] = len(table) + 1
        return f"{namespace}#{table[value]}"

    def __call__(self, namespace, value):
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return self.register(namespace, int(value))
        return value


class Normaliser:
    def __init__(self):
        self.ids = Ids()

    def text(self, text):
        """A string with its ids renumbered and the portal's host left out."""
        text = HOST.sub("<portal>", text)
        for pattern, namespace in TEXT_IDS:

            def number(match, namespace=namespace):
                prefix, value = match.group(1), match.group(2)
                target = namespace or URL_SEGMENTS.get(prefix, prefix)
                return match.group(0).replace(value, self.ids(target, value), 1)

            text = pattern.sub(number, text)
        return text

    def __call__(self, value, namespace=None):
        """`namespace` is the one of the "id" of the objects in `value`."""
        if isinstance(value, dict):
            return {key: self._item(key, item, namespace) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item, namespace) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _item(self, key, value, namespace):
        if value is None:
            return None
        if key == "id" and namespace:
            return self.ids(namespace, value)
        if key in STAMP_KEYS:
            return "<timestamp>"
        if key in VOLATILE_KEYS:
            return VOLATILE_KEYS[key]
        if key in ID_DICT_KEYS and isinstance(value, dict):
            target = ID_DICT_KEYS[key]
            return {
                (self.ids(target, k) if k.isdigit() else k): self(v, namespace)
                for k, v in value.items()
            }
        if key in ID_DICT_VALUES and isinstance(value, dict):
            return {k: self.ids(ID_DICT_VALUES[key], v) for k, v in value.items()}
        if key in ID_KEYS:
            target = ID_KEYS[key]
            if isinstance(value, int) and not isinstance(value, bool):
                return self.ids(target, value)
            if isinstance(value, list):
                return [
                    self.ids(target, v) if isinstance(v, int) else self(v, target) for v in value
                ]
            if isinstance(value, dict):
                return self(value, target)
            return self(value, namespace)
        return self(value, None)


def _html_text(html):
    """The visible text of a page: one entry per text node, whitespace collapsed."""

    class Text(HTMLParser):
        hidden = {"script", "style", "template", "noscript"}

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.chunks = []
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            if tag in self.hidden:
                self.depth += 1

        def handle_endtag(self, tag):
            if tag in self.hidden and self.depth:
                self.depth -= 1

        def handle_data(self, data):
            text = " ".join(data.split())
            if text and not self.depth:
                self.chunks.append(text)

    parser = Text()
    parser.feed(html)
    parser.close()
    return parser.chunks


# The document list shows each file's size in bytes, and a PDF's size depends on where the
# checkout lies (WeasyPrint writes the base URL into the file): «<size>», as in the API.
DOCUMENT_LIST_PAGE = "/reports/documents/"
FILE_SIZE = re.compile(r"\d+")


def _without_file_sizes(chunks):
    """The size follows the document's state in each row of the list."""
    states = {"Готов", "Ready"}
    return [
        "<size>" if FILE_SIZE.fullmatch(chunk) and index and chunks[index - 1] in states else chunk
        for index, chunk in enumerate(chunks)
    ]


def _without_trailing_zeros(chunk):
    if not NUMBER.fullmatch(chunk):
        return chunk
    return format(Decimal(chunk.replace(",", ".")).normalize(), "f").replace(".", ",")


def _cell(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def _xlsx(content):
    """Every cell value of every sheet (trailing empty cells dropped) and the number formats
    used in each column."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    sheets = {}
    for sheet in workbook.worksheets:
        rows, formats = [], {}
        for row in sheet.iter_rows():
            values = [_cell(cell.value) for cell in row]
            while values and values[-1] in (None, ""):
                values.pop()
            rows.append(values)
            for cell in row:
                if cell.value is not None and cell.number_format != "General":
                    formats.setdefault(cell.column_letter, set()).add(cell.number_format)
        while rows and not rows[-1]:
            rows.pop()
        sheets[sheet.title] = {
            "rows": rows,
            "number_formats": {column: sorted(found) for column, found in sorted(formats.items())},
        }
    return {"sheets": list(sheets), "content": sheets}


def _pdf(content):
    """The text of each page, line by line."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    pages = []
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        pages.append([line for line in lines if line])
    return pages


# --- recording ------------------------------------------------------------------------------


def _api_routes():
    """GET-able route templates under /api/v1/ from the URLconf: "agencies/",
    "agencies/{pk}/", "audits/{pk}/sheets/{person_id}/" …"""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    templates = set()
    for route in walk(get_resolver().url_patterns, ""):
        route = route.replace("^", "").replace("$", "").replace("\\Z", "")
        if not route.startswith("api/v1/"):
            continue
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
        route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        templates.add(route.removeprefix("api/v1/"))
    return sorted(templates)


def _collection(template):
    return template.split("{", 1)[0].rstrip("/")


class Recorder:
    def __init__(self, admin):
        self.admin = admin
        self.normalise = Normaliser()
        self.api = APIClient()
        self.api.force_authenticate(admin)
        self.raw = {}  # collection → its objects as the API returned them (admin's view)

    def get(self, client, url, params=None):
        return client.get(url, params or {})

    def body(self, response, namespace=None):
        """A response as JSON, document content or text, normalised."""
        content_type = response.get("Content-Type", "")
        record = {"status": response.status_code}
        disposition = response.get("Content-Disposition")
        if disposition:
            record["disposition"] = self.normalise.text(disposition)
        if response.status_code in (301, 302, 303):
            record["location"] = self.normalise.text(response["Location"])
            return record
        content = b"".join(response) if response.streaming else response.content
        if content_type.startswith("application/json"):
            record["json"] = self.normalise(json.loads(content), namespace)
        elif content_type.startswith("application/pdf"):
            record["pdf"] = [self.normalise(lines) for lines in _pdf(content)]
        elif "spreadsheetml" in content_type:
            record["xlsx"] = self.workbook(_xlsx(content))
        elif content_type.startswith("text/html"):
            record["text"] = self.normalise(_html_text(content.decode()))
            if response.request["PATH_INFO"] in UNQUANTISED_PAGES:
                record["text"] = [_without_trailing_zeros(chunk) for chunk in record["text"]]
            if response.request["PATH_INFO"] == DOCUMENT_LIST_PAGE:
                record["text"] = _without_file_sizes(record["text"])
        else:
            record["content_type"] = content_type
        return record

    def workbook(self, workbook):
        """Text cells normalised; a two-cell row naming an id (the offline sheet's «audit»,
        «auditor») has its id renumbered."""
        for sheet in workbook["content"].values():
            rows = []
            for row in sheet["rows"]:
                row = [self.normalise.text(v) if isinstance(v, str) else v for v in row]
                if len(row) == 2 and row[0] in ID_KEYS and isinstance(row[1], int):
                    row[1] = self.normalise.ids(ID_KEYS[row[0]], row[1])
                rows.append(row)
            sheet["rows"] = rows
        return workbook

    def fetch_all(self, client, url, params=None):
        """A list endpoint's response with every page's results."""
        response = self.get(client, url, {"page_size": PAGE_SIZE, **(params or {})})
        if response.status_code != 200 or "application/json" not in response["Content-Type"]:
            return response, None
        data = response.json()
        if not (isinstance(data, dict) and "results" in data):
            return response, data if isinstance(data, list) else None
        results = list(data["results"])
        following = data["next"]
        while following:
            page = client.get(following).json()
            results.extend(page["results"])
            following = page["next"]
        return response, results


def _samples(objects):
    if not objects:
        return []
    chosen = sorted({0, len(objects) // 2, len(objects) - 1})
    return [objects[index] for index in chosen][:SAMPLES]


def _record_api(recorder, templates):
    api = recorder.api
    normalise = recorder.normalise
    record = {}
    collections = [t for t in templates if "{" not in t]
    lists = {}
    # Every collection first, so that each namespace is numbered in its own list's order.
    for template in collections:
        response, objects = recorder.fetch_all(api, API + template)
        lists[template] = (response, objects)
        if objects and all(isinstance(o, dict) and "id" in o for o in objects):
            recorder.raw[_collection(template)] = objects
            for obj in objects:
                normalise.ids.register(_collection(template), obj["id"])
    for template, (response, objects) in lists.items():
        namespace = _collection(template)
        entry = recorder.body(response, namespace)
        if objects is not None and isinstance(entry.get("json"), dict):
            entry["json"]["results"] = normalise(objects, namespace)
            entry["json"].pop("next", None)
        record[f"GET {template}"] = entry

    # Collections that need a query parameter.
    for month in MONTHS:
        record[f"GET summary/?month={month}"] = recorder.body(
            api.get(API + "summary/", {"month": month})
        )
    for agency in sorted({row["agency"] for row in recorder.raw.get("internal-audits", [])}):
        label = normalise.ids("agencies", agency)
        record[f"GET workspace-parts/?agency={label}"] = recorder.body(
            api.get(API + "workspace-parts/", {"agency": agency}), "workspace-parts"
        )

    # Details and actions of a sample of each list's objects.
    audits = recorder.raw.get("audits", [])
    for template in templates:
        if "{" not in template or "{person_id}" in template:
            continue
        if template.endswith(("/pdf/", "/xlsx/", "/download/")):
            continue  # the documents' section reads them
        namespace = _collection(template)
        if template.startswith("audits/{pk}/final-sheet/"):
            objects = audits if template == "audits/{pk}/final-sheet/" else audits[:1]
        else:
            objects = _samples(recorder.raw.get(namespace, []))
        if namespace == "sorting-lines":
            objects = _samples(
                [line for lst in recorder.raw.get("sorting-lists", []) for line in lst["lines"]]
            )
        for obj in objects:
            url = API + template.format(pk=obj["id"])
            entry = recorder.body(api.get(url), namespace)
            key = f"GET {template.replace('{pk}', normalise.ids(namespace, obj['id']))}"
            if entry["status"] == 405:  # an action that only takes POST: its answer to GET
                record[f"GET {template}"] = entry
                break
            record[key] = entry

    # Score sheets (and the offline XLSX of one audit's sheets).
    chosen = _samples(audits) + [a for a in audits if a["status"] != "finalised"][:3]
    done = set()
    for audit in chosen:
        if audit["id"] in done:
            continue
        done.add(audit["id"])
        for auditor in audit["auditors"]:
            for template in templates:
                if "{person_id}" not in template:
                    continue
                if template.endswith("xlsx/") and len(done) > 1:
                    continue
                if f"GET {template}" in record:
                    continue  # it only takes POST
                url = API + template.format(pk=audit["id"], person_id=auditor["id"])
                entry = recorder.body(api.get(url), "people")
                if entry["status"] == 405:
                    record[f"GET {template}"] = entry
                    continue
                key = "GET " + template.replace("{pk}", normalise.ids("audits", audit["id"]))
                key = key.replace("{person_id}", normalise.ids("people", auditor["id"]))
                record[key] = entry

    # The calculators (POST only): the manual's examples.
    calculators = {
        "productivity/growth/": {
            "cycle_before": [240, 250],
            "cycle_after": [120, 130],
            "available_before": "6",
            "available_after": "7.2",
            "yield_target": 100,
            "yield_actual": 95,
        },
        "productivity/piece-rate/": {
            "cycle_time_s": "48",
            "manual_time_s": "24",
            "shift_h": "8",
            "available_h": "7.5",
            "hourly_rate": "60",
            "kvc_base": "0.4",
            "worker_share": "0.3",
            "kst_mode": "table",
            "parts_per_cycle": 1,
            "workers_per_workplace": 1,
        },
        "productivity/headcount/": {
            "available_h": 7,
            "programme": 840,
            "operations": [
                {"cycle_time_s": 30},
                {"cycle_time_s": 45, "workers_per_workplace": 2},
                {"cycle_time_s": 15, "parts_per_cycle": 3},
            ],
            "norm_fulfilment": "1.25",
            "shifts": 2,
        },
    }
    for template, body in calculators.items():
        record[f"POST {template}"] = recorder.body(api.post(API + template, body, format="json"))
    token = APIClient().post(
        API + "auth/token/", {"username": "leader", "password": "demo-5s-portal"}, format="json"
    )
    record["POST auth/token/"] = recorder.body(token)
    return record


def _record_scoped(recorder, users):
    """What a team leader and an auditor see of the scoped lists."""
    record = {}
    lists = [
        "agencies/",
        "teams/",
        "audits/",
        "action-plans/",
        "internal-audits/",
        "photos/",
        "red-tags/",
        "sorting-lists/",
        "storage-admissions/",
        "sorting-figures/",
        "productivity/workplaces/",
        "productivity/studies/",
    ]
    for username in ("leader", "auditor"):
        client = APIClient()
        client.force_authenticate(users[username])
        for template in lists:
            response, objects = recorder.fetch_all(client, API + template)
            namespace = _collection(template)
            entry = recorder.body(response, namespace)
            if objects is not None and isinstance(entry.get("json"), dict):
                entry["json"]["results"] = recorder.normalise(objects, namespace)
                entry["json"].pop("next", None)
            record[f"{username} GET {template}"] = entry
        finalised = [a for a in recorder.raw["audits"] if a["status"] == "finalised"]
        for audit in finalised[:1] + finalised[-1:]:
            url = f"{API}audits/{audit['id']}/final-sheet/"
            label = recorder.normalise.ids("audits", audit["id"])
            record[f"{username} GET audits/{label}/final-sheet/"] = recorder.body(
                client.get(url), "audits"
            )
    return record


def _chosen_audits(recorder):
    """Three finalised audits for the documents: the latest of the education and finance
    departments (the demo accounts' agencies) and the first one with a collegial decision."""
    finalised = [a for a in recorder.raw["audits"] if a["status"] == "finalised"]
    chosen = []
    for name in ("Департамент образования", "Департамент финансов"):
        chosen += [a for a in finalised if a["agency_name"] == name][:1]
    for audit in finalised:
        sheet = recorder.api.get(f"{API}audits/{audit['id']}/final-sheet/").json()
        if any(row["decided"] is not None for row in sheet["criteria"].values()):
            if audit not in chosen:
                chosen.append(audit)
            break
    return chosen


def _record_documents(recorder, audits):
    api = recorder.api
    normalise = recorder.normalise
    record = {}
    orders = [{"kind": "summary", "month": MONTHS[-1], "format": f} for f in ("xlsx", "pdf")]
    orders.append({"kind": "summary", "month": MONTHS[-2], "format": "xlsx"})
    # A PDF takes a second or two to render: two of the three final sheets (the one with a
    # collegial decision among them) are enough for the template.
    for index, audit in enumerate(audits):
        formats = ("xlsx",) if index == 1 else ("xlsx", "pdf")
        orders += [{"kind": "final_sheet", "audit": audit["id"], "format": f} for f in formats]
    for order in orders:
        accepted = api.post(API + "reports/", order, format="json")
        label = " ".join(
            str(normalise.ids("audits", v) if k == "audit" else v) for k, v in order.items()
        )
        document = accepted.json()["id"]
        record[f"order {label}"] = {
            "accepted": recorder.body(accepted, "reports"),
            "status": recorder.body(api.get(f"{API}reports/{document}/"), "reports"),
            "download": recorder.body(api.get(f"{API}reports/{document}/download/")),
        }
    _response, objects = recorder.fetch_all(api, API + "reports/")
    record["GET reports/ (after the orders)"] = recorder.normalise(objects, "reports")

    # Sorting: each list as XLSX, the first of each kind as PDF, a red tag alone and a round's
    # batch of tags.
    kinds = set()
    for sorting_list in recorder.raw.get("sorting-lists", []):
        label = normalise.ids("sorting-lists", sorting_list["id"])
        formats = ("xlsx",) if sorting_list["kind"] in kinds else ("xlsx", "pdf")
        kinds.add(sorting_list["kind"])
        for kind in formats:
            url = f"{API}sorting-lists/{sorting_list['id']}/{kind}/"
            record[f"GET sorting-lists/{label}/{kind}/"] = recorder.body(api.get(url))
    for tag in recorder.raw.get("red-tags", [])[:1]:
        label = normalise.ids("red-tags", tag["id"])
        record[f"GET red-tags/{label}/pdf/"] = recorder.body(
            api.get(f"{API}red-tags/{tag['id']}/pdf/")
        )
    rounds = recorder.raw.get("sorting-rounds", [])
    if rounds:
        page = Client()
        page.force_login(recorder.admin)
        label = normalise.ids("sorting-rounds", rounds[0]["id"])
        record[f"page /sorting/tags/print/?round={label}"] = recorder.body(
            page.get("/sorting/tags/print/", {"round": rounds[0]["id"]})
        )
    return record


def _record_pages(recorder, users, audits):
    """The visible text of the main pages of each role, and more pages for the administrator."""
    raw = recorder.raw
    normalise = recorder.normalise
    audit = audits[0]  # the education department's latest signed audit
    common = [
        "/",
        "/reports/",
        "/reports/summary/",
        f"/reports/summary/?month={MONTHS[0]}",
        f"/audits/{audit['id']}/final/",
        "/sorting/",
        "/productivity/results/",
    ]
    education = audit["agency"]
    upcoming = next(a for a in raw["audits"] if a["status"] != "finalised")
    held = next(
        a
        for a in raw["audits"]
        if a["status"] != "finalised" and all(x["status"] != "draft" for x in a["auditors"])
    )
    plan = raw["action-plans"][0]
    sorting_list = raw["sorting-lists"][0]
    study = raw["productivity/studies"][0]
    workplace = raw["productivity/workplaces"][0]
    team = raw["teams"][0]
    admin_only = [
        "/agencies/",
        f"/agencies/{education}/",
        f"/agencies/teams/{team['id']}/",
        "/agencies/working-group/",
        "/audits/",
        f"/audits/{audit['id']}/",
        f"/audits/{upcoming['id']}/",
        f"/audits/{upcoming['id']}/sheets/{upcoming['auditors'][0]['id']}/",
        f"/audits/{held['id']}/",
        f"/audits/{held['id']}/final/",
        f"/audits/{audit['id']}/sheets/{audit['auditors'][0]['id']}/",
        "/audits/action-plans/",
        f"/audits/action-plans/{plan['id']}/",
        "/audits/internal/",
        f"/audits/internal/{education}/",
        "/reports/findings/",
        "/reports/documents/",
        "/reports/knowledge-base/",
        "/sorting/classifier/",
        "/sorting/tags/",
        f"/sorting/tags/{raw['red-tags'][0]['id']}/",
        "/sorting/rounds/",
        f"/sorting/rounds/{sorting_list['round']}/",
        f"/sorting/lists/{sorting_list['id']}/",
        f"/sorting/zone/{sorting_list['agency']}/",
        "/productivity/",
        f"/productivity/studies/{study['id']}/",
        "/productivity/workplaces/",
        f"/productivity/workplaces/{workplace['id']}/",
        "/productivity/calculators/",
    ]
    record = {}
    for username in DEMO_ROLES:
        client = Client()
        client.force_login(users[username])
        for url in common + (admin_only if username == "admin" else []):
            record[f"{username} {normalise.text(url)}"] = recorder.body(client.get(url))
    return record


def _capture():
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_ROLES)}
    recorder = Recorder(users["admin"])
    templates = _api_routes()
    snapshot = {"api": _record_api(recorder, templates)}
    snapshot["api_scoped"] = _record_scoped(recorder, users)
    audits = _chosen_audits(recorder)
    snapshot["documents"] = _record_documents(recorder, audits)
    snapshot["pages"] = _record_pages(recorder, users, audits)
    # JSON all the way, so the comparison sees what the files hold.
    return json.loads(json.dumps(snapshot, ensure_ascii=False, default=str))


# --- comparing ------------------------------------------------------------------------------


def _differences(expected, got, path="$"):
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in sorted(expected.keys() | got.keys()):
            where = f"{path}[{key!r}]"
            if key not in got:
                yield where, expected[key], "<missing>"
            elif key not in expected:
                yield where, "<missing>", got[key]
            else:
                yield from _differences(expected[key], got[key], where)
    elif isinstance(expected, list) and isinstance(got, list):
        for index in range(max(len(expected), len(got))):
            where = f"{path}[{index}]"
            if index >= len(got):
                yield where, expected[index], "<missing>"
            elif index >= len(expected):
                yield where, "<missing>", got[index]
            else:
                yield from _differences(expected[index], got[index], where)
    elif expected != got or type(expected) is not type(got):
        yield path, expected, got


def _short(value, limit=300):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "…"


def _dump(data):
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_demo_regions_pages_endpoints_and_documents_match_the_snapshot(
    settings, tmp_path, monkeypatch
):
    settings.TIME_ZONE = "Europe/Moscow"
    for label in UNORDERED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # gone in a refactor: nothing to pin
            continue
        if not model._meta.ordering:
            monkeypatch.setattr(model._meta, "ordering", ["pk"])
    with time_machine.travel(MOMENT, tick=False):
        _load_demo_region()
        snapshot = _capture()

    if UPDATE:
        SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
        for section, data in snapshot.items():
            (SNAPSHOT_DIR / f"{section}.json").write_text(_dump(data), encoding="utf-8")
        return

    got_dir = tmp_path / "behaviour"
    got_dir.mkdir()
    problems = []
    for section, got in snapshot.items():
        (got_dir / f"{section}.json").write_text(_dump(got), encoding="utf-8")
        path = SNAPSHOT_DIR / f"{section}.json"
        if not path.exists():
            problems.append(f"{path} is missing: run UPDATE_SNAPSHOT=1 to write it")
            continue
        expected = json.loads(path.read_text(encoding="utf-8"))
        found = list(_differences(expected, got, f"{section}"))
        if found:
            problems.append(f"{section}.json: {len(found)} difference(s); the first ones:")
            for where, was, now in found[:15]:
                problems.append(
                    f"  {where}\n    expected: {_short(was)}\n    got:      {_short(now)}"
                )
    if problems:
        pytest.fail(
            "The demo region no longer behaves as recorded in tests/snapshots/behaviour/.\n"
            + "\n".join(problems)
            + f"\nThe whole record: diff -r {SNAPSHOT_DIR} {got_dir}"
            + "\nIf the change is meant, regenerate with UPDATE_SNAPSHOT=1 (see this test's "
            "docstring) and say so in the commit.",
            pytrace=False,
        )
