"""`make load`: the demo region's roles at work, as locust users (scripts/load.sh runs it).

Each simulated person signs in as a demo login (password demo-5s-portal) and repeats what that
role does on a working day, through the REST API with its token (and the pages with a session
where the role reads pages):

- auditors (`auditor`, `auditor2`, `auditor3`): open the planned audits, read their score
  sheet and save it (PUT, Appendix 6), download the offline XLSX now and then;
- the working-group head (`wg_head`): reads final sheets (Appendix 12) through the API and
  the page, orders documents (the summary as XLSX, a final sheet as PDF) and polls them;
- the governor's office (`governor`): the dashboard page and the summary API (Appendix 13);
- 5S-team leaders (`leader`, `leader2`): list red tags, make new ones (Appendix 1), open one
  tag's PDF now and then;
- people arriving (`ArrivingPerson`): a fresh sign-in (token API and login page) every 30–60 s
  each, so the run includes logins at a realistic rate (issue 18 item 6).

The server is reached as it is behind the production proxy: plain HTTP on 127.0.0.1 with
`X-Forwarded-Proto: https` (production settings redirect plain HTTP and mark cookies Secure,
so the session cookie is sent by hand). At the end a table per endpoint: requests, errors,
RPS, p50/p95/p99 in ms. Any error fails the run (locust's exit code 1).
"""

import random
import re
import time
from collections import defaultdict

import gevent
from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

PASSWORD = "demo-5s-portal"
PROXY = {"X-Forwarded-Proto": "https"}
MONTHS = ["2026-09", "2026-10", "2026-11"]
TOKENS: dict[str, str] = {}
SIGN_IN: defaultdict[str, Semaphore] = defaultdict(Semaphore)
SESSIONS: dict[str, dict[str, str]] = {}


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    logins: list[str] = []

    def on_start(self):
        self.username = random.choice(self.logins)
        # One sign-in per demo login (people sign in once a day; the token is per login anyway):
        # the run measures the work, not 50 password hashings at once.
        with SIGN_IN[self.username]:  # the other users of this login wait for its token
            if self.username not in TOKENS:
                response = self.client.post(
                    "/api/v1/auth/token/",
                    json={"username": self.username, "password": PASSWORD},
                    headers=PROXY,
                    name="POST /api/v1/auth/token/",
                )
                response.raise_for_status()
                TOKENS[self.username] = response.json()["token"]
        self.api_headers = {**PROXY, "Authorization": f"Token {TOKENS[self.username]}"}
        self.page_headers = SESSIONS.get(self.username)

    # --- helpers ---------------------------------------------------------------------------

    def api(self, method, path, name, **kwargs):
        with self.client.request(
            method, path, headers=self.api_headers, name=name, catch_response=True, **kwargs
        ) as response:
            if response.status_code >= 400:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            response.success()
            return response

    def json(self, method, path, name, **kwargs):
        response = self.api(method, path, name, **kwargs)
        return response.json() if response is not None else None

    def sign_in_to_pages(self):
        """The login form, as a browser behind the proxy sends it."""
        base = self.host.rstrip("/").replace("http://", "https://", 1)
        form = self.client.get("/accounts/login/", headers=PROXY, name="GET /accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        csrf = self.client.cookies.get("csrftoken")
        self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={**PROXY, "Cookie": f"csrftoken={csrf}", "Referer": f"{base}/accounts/login/"},
            allow_redirects=False,
            name="POST /accounts/login/",
        )
        session = self.client.cookies.get("sessionid")
        self.page_headers = {**PROXY, "Cookie": f"sessionid={session}; csrftoken={csrf}"}
        SESSIONS[self.username] = self.page_headers

    def page(self, path, name):
        if self.page_headers is None:
            with SIGN_IN[self.username]:
                self.page_headers = SESSIONS.get(self.username)
                if self.page_headers is None:
                    self.sign_in_to_pages()
        with self.client.get(
            path, headers=self.page_headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            else:
                response.success()


class Auditor(PortalUser):
    weight = 4
    logins = ["auditor", "auditor2", "auditor3"]

    def on_start(self):
        super().on_start()
        self.sheets = []
        audits = self.json("GET", "/api/v1/audits/?status=planned", "GET /api/v1/audits/")
        # The audit lists every auditor's sheet; the ones this login may open are its own
        # (another auditor's answers 403, which here only means «not mine»).
        for audit in (audits or {}).get("results", []):
            for auditor in audit["auditors"]:
                if auditor["status"] != "draft":
                    continue
                sheet = f"/api/v1/audits/{audit['id']}/sheets/{auditor['id']}/"
                with self.client.get(
                    sheet, headers=self.api_headers, name="GET sheet", catch_response=True
                ) as response:
                    if response.status_code == 200:
                        self.sheets.append(sheet)
                    if response.status_code in (200, 403):
                        response.success()
                    else:
                        response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(5)
    def save_sheet(self):
        if not self.sheets:
            return
        sheet = random.choice(self.sheets)
        body = self.json("GET", sheet, "GET sheet")
        if body is None or not body["scores"]:
            return
        # Up to 8 criteria a save: an audit of step 1 alone scores only step 1's criteria (the
        # demo has such audits; sampling 8 of 3 raised in the task, 150 times a run).
        codes = random.sample(sorted(body["scores"]), min(8, len(body["scores"])))
        scores = {**{c: s for c, s in body["scores"].items() if s is not None}}
        scores.update({code: random.randint(1, 5) for code in codes})
        notes = {codes[0]: "Замечание аудитора: проверено на месте."}
        self.api("PUT", sheet, "PUT sheet", json={"scores": scores, "notes": notes})

    @task(1)
    def offline_sheet(self):
        if self.sheets:
            self.api("GET", random.choice(self.sheets) + "xlsx/", "GET sheet xlsx")

    @task(2)
    def audits(self):
        self.api("GET", "/api/v1/audits/", "GET /api/v1/audits/")


class GroupHead(PortalUser):
    weight = 2
    logins = ["wg_head"]

    def on_start(self):
        super().on_start()
        audits = self.json(
            "GET", "/api/v1/audits/?status=finalised&page_size=100", "GET /api/v1/audits/"
        )
        self.audits = [audit["id"] for audit in (audits or {}).get("results", [])]

    @task(4)
    def final_sheet(self):
        if self.audits:
            audit = random.choice(self.audits)
            self.api("GET", f"/api/v1/audits/{audit}/final-sheet/", "GET final-sheet")

    @task(1)
    def final_sheet_page(self):
        if self.audits:
            self.page(f"/audits/{random.choice(self.audits)}/final/", "GET /audits/{id}/final/")

    @task(2)
    def order_document(self):
        if random.random() < 0.5 or not self.audits:
            order = {"kind": "summary", "month": random.choice(MONTHS), "format": "xlsx"}
        else:
            order = {"kind": "final_sheet", "audit": random.choice(self.audits), "format": "pdf"}
        accepted = self.json("POST", "/api/v1/reports/", "POST /api/v1/reports/", json=order)
        if accepted is None:
            return
        # Polled as the documents page does, every second, for a few seconds: a Celery worker
        # makes it meanwhile (without a broker the first poll makes it).
        for _ in range(5):
            document = self.json("GET", f"/api/v1/reports/{accepted['id']}/", "GET report")
            if document is None or document["status"] in ("done", "failed"):
                break
            gevent.sleep(1)
        if document and document["status"] == "done":
            self.api("GET", f"/api/v1/reports/{accepted['id']}/download/", "GET report download")


class Governor(PortalUser):
    weight = 2
    logins = ["governor"]

    @task(2)
    def dashboard(self):
        self.page("/reports/", "GET /reports/ (dashboard)")

    @task(3)
    def summary(self):
        month = random.choice(MONTHS)
        self.api("GET", f"/api/v1/summary/?month={month}", "GET /api/v1/summary/")


class TeamLeader(PortalUser):
    weight = 3
    logins = ["leader", "leader2"]

    def on_start(self):
        super().on_start()
        tags = self.json("GET", "/api/v1/red-tags/", "GET /api/v1/red-tags/") or {}
        self.tags = tags.get("results", [])

    @task(3)
    def red_tags(self):
        self.api("GET", "/api/v1/red-tags/", "GET /api/v1/red-tags/")

    @task(2)
    def new_red_tag(self):
        if not self.tags:
            return
        model = random.choice(self.tags)
        body = {
            "agency": model["agency"],
            "reason": model["reason"],
            "action": model["action"],
            "item_name": f"Стул офисный № {random.randint(1, 9999)}",
            "room": model["room"],
            "workplace_owner": model["workplace_owner"],
            "quantity": random.randint(1, 3),
        }
        self.api("POST", "/api/v1/red-tags/", "POST /api/v1/red-tags/", json=body)

    @task(1)
    def red_tag_pdf(self):
        if self.tags:
            tag = random.choice(self.tags)
            self.api("GET", f"/api/v1/red-tags/{tag['id']}/pdf/", "GET red tag pdf")


class ArrivingPerson(PortalUser):
    """People starting their day: each signs in afresh — for a REST token and, every other
    time, on the login page — then reads one thing and leaves, at about one sign-in every 30–60
    s per simulated person (with 100 users, about 0.15 sign-ins a second: a region's few
    thousand users signing in over a morning, bunched). Each sign-in costs one PBKDF2 hashing
    at Django's default iterations; REST clients reuse their token (README, «API»)."""

    weight = 1
    wait_time = between(30, 60)
    logins = ["employee", "member", "leader", "governor"]

    def on_start(self):
        self.username = random.choice(self.logins)
        self.api_headers = dict(PROXY)
        self.page_headers = None

    @task
    def sign_in(self):
        response = self.client.post(
            "/api/v1/auth/token/",
            json={"username": self.username, "password": PASSWORD},
            headers=PROXY,
            name="POST /api/v1/auth/token/ (arriving)",
        )
        if response.status_code == 200:
            self.api_headers = {**PROXY, "Authorization": f"Token {response.json()['token']}"}
            self.api("GET", "/api/v1/agencies/", "GET /api/v1/agencies/")
        if random.random() < 0.5:
            self.client.cookies.clear()
            self.sign_in_to_pages()


# The steady state: requests sent once every user has started. The totals include the ramp-up
# (all users start within LOAD_USERS / LOAD_SPAWN_RATE seconds and each auditor first reads every
# planned audit's sheets), which is kept in them to stay comparable with earlier runs; this row
# says how the portal answers a working day's load after that burst.
STEADY: dict[str, list] = {"times": [], "errors": [], "since": []}


@events.spawning_complete.add_listener
def _steady_from_now(user_count, **kwargs):
    STEADY["since"].append(time.monotonic())


@events.request.add_listener
def _record_steady(response_time, exception, **kwargs):
    if STEADY["since"]:
        STEADY["times"].append(response_time)
        if exception is not None:
            STEADY["errors"].append(exception)


def _steady_line():
    times = sorted(STEADY["times"])
    if not times:
        return "steady state: no request after the last user started"
    seconds = time.monotonic() - STEADY["since"][0]

    def at(share):
        return times[min(len(times) - 1, int(share * len(times)))]

    return (
        f"{'STEADY STATE (after the ramp-up)':44} {len(times):6d} {len(STEADY['errors']):6d} "
        f"{len(times) / seconds:6.1f} {at(0.5):6.0f} {at(0.95):6.0f} {at(0.99):6.0f}"
    )


@events.quitting.add_listener
def print_table(environment, **kwargs):
    """RPS, p50/p95/p99 and errors per endpoint, then the total and the steady state."""
    stats = environment.runner.stats
    rows = sorted(stats.entries.values(), key=lambda entry: entry.name)
    header = (
        f"{'endpoint':44} {'reqs':>6} {'errors':>6} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    lines = ["", "Per endpoint (response times in ms):", header, "-" * len(header)]
    for entry in [*rows, stats.total]:
        name = "TOTAL" if entry is stats.total else entry.name
        lines.append(
            f"{name[:44]:44} {entry.num_requests:6d} {entry.num_failures:6d} "
            f"{entry.total_rps:6.1f} {entry.get_response_time_percentile(0.5):6.0f} "
            f"{entry.get_response_time_percentile(0.95):6.0f} "
            f"{entry.get_response_time_percentile(0.99):6.0f}"
        )
    lines.append(_steady_line())
    print("\n".join(lines))
