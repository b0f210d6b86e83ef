"""Every main page of every role, as its users see it (issue 17, items 3 and 11): on a
390×844 phone and a 1366×800 desktop no page is wider than the window (a wide table scrolls in
its own box), and axe-core finds no critical or serious violation.

The pages are found the way a person finds them: the home page, every entry of the section menu
and the first record each list links to, signed in as each demo role over the whole demo region
(`make demo`). axe-core is vendored under tests/browser/vendor (no network in CI).

Screenshots of every page land in $LAYOUT_SCREENSHOTS when it is set, for the eye check.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.demo import load_full_demo

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "demo" / "region.json").read_text("utf-8")
)["password"]
ROLES = ("admin", "governor", "wg_head", "auditor", "leader", "member", "employee", "it_dept")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}
PAGES_PER_ROLE = 40
# Files and actions, not pages.
SKIPPED = (
    ".pdf",
    ".xlsx",
    ".csv",
    ".zip",
    "/download",
    "/logout",
    "/admin",
    "/api/",
    "/media/",
    "/static/",
)

WIDEST_ELEMENT = """() => {
  const limit = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 1 && (!worst || box.right > worst.right)) {
      let inScroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX)) { inScroller = true; break; }
      }
      if (!inScroller) worst = {right: Math.round(box.right), tag: el.tagName,
        cls: el.className && el.className.baseVal === undefined ? el.className : '',
        text: (el.textContent || '').trim().slice(0, 40)};
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: limit, worst};
}"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
                first: v.nodes[0].target.join(' '), summary: v.nodes[0].failureSummary}));
}"""


def _same_site_pages(page, base: str, selector: str) -> Iterator[str]:
    for href in page.eval_on_selector_all(selector, "els => els.map(e => e.href)"):
        parts = urlsplit(href)
        if not href.startswith(base) or any(s in parts.path for s in SKIPPED):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def _pages_of(page, base: str) -> list[str]:
    """Home, the section menu, and the first record each section lists."""
    page.goto("/")
    sections = ["/", *_same_site_pages(page, base, "nav[aria-label='Разделы'] a")]
    found: list[str] = []
    for url in sections:
        if url in found:
            continue
        found.append(url)
        page.goto(url)
        for detail in _same_site_pages(page, base, "main table tbody a, main .cards a"):
            if detail not in found:
                found.append(detail)
            break
    return found[:PAGES_PER_ROLE]


def test_no_page_of_any_role_is_wider_than_the_window_or_fails_axe(chromium, live_server):
    load_full_demo()
    shots = os.environ.get("LAYOUT_SCREENSHOTS")
    axe_source = AXE.read_text("utf-8")
    problems: list[str] = []
    for username in ROLES:
        context = chromium.new_context(base_url=live_server.url, locale="ru-RU", bypass_csp=True)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        for url in _pages_of(page, live_server.url):
            for name, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                response = page.goto(url)
                if response is None or response.status >= 400:
                    problems.append(f"{username} {url}: HTTP {response and response.status}")
                    break
                width = page.evaluate(WIDEST_ELEMENT)
                if width["scrollWidth"] > width["clientWidth"] + 1:
                    problems.append(f"{username} {name} {url}: {width}")
                if shots:
                    slug = url.strip("/").replace("/", "_") or "home"
                    target = Path(shots) / f"{username}-{name}-{slug}.png"
                    page.screenshot(path=str(target), full_page=False)
                if name == "desktop":
                    page.add_script_tag(content=axe_source)
                    for violation in page.evaluate(RUN_AXE):
                        problems.append(f"{username} {url}: axe {violation}")
        context.close()
    assert not problems, "\n".join(problems)
