"""The pages keep working under the Content-Security-Policy (`default-src 'self'`, no inline
script) because no template brings in what the policy refuses (issue 13 item 7). This test
reads every template of the portal and fails on an inline script (a `<script>` without `src`,
a `javascript:` URL), an inline event handler (`onclick=`…) or a resource from outside the
portal (an `http(s)://` or `//` address in `src`, `href` of anything but a plain link,
`action`, `srcset`, `poster`, `data`, or CSS `url()`/`@import`)."""

import re

import pytest
from django.conf import settings

from core.middleware import POLICY

TEMPLATE_ROOTS = [settings.BASE_DIR / "templates"] + [
    path
    for app in ("core", "agencies", "audits", "sorting", "standards", "productivity", "reports")
    if (path := settings.BASE_DIR / app / "templates").is_dir()
]
TEMPLATES = sorted(path for root in TEMPLATE_ROOTS for path in root.rglob("*.html"))

TAG = re.compile(r"<\s*([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
OUTSIDE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_OUTSIDE = re.compile(
    r"(url\(\s*['\"]?\s*(https?:)?//|@import\s+['\"]?(url\()?\s*(https?:)?//)", re.I
)
RESOURCE_ATTRIBUTES = {"src", "srcset", "action", "formaction", "poster", "data", "background"}


def problems(text):
    """Everything in one template's text that the policy would refuse."""
    found = []
    # Django comments and template tags may hold anything; only the HTML counts.
    html = re.sub(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.S)
    for match in TAG.finditer(html):
        name, body = match.group(1).lower(), match.group(2)
        attributes = {key.lower(): value.strip("\"'") for key, value in ATTRIBUTE.findall(body)}
        if name == "script" and "src" not in attributes:
            found.append(f"inline script: {match.group(0)[:80]}")
        for key, value in attributes.items():
            if key.startswith("on"):
                found.append(f"inline event handler {key}: {match.group(0)[:80]}")
            if value.lower().lstrip().startswith("javascript:"):
                found.append(f"javascript: URL in {key}: {match.group(0)[:80]}")
            outside = OUTSIDE.match(value) and not key.startswith("xmlns")
            if outside and (key in RESOURCE_ATTRIBUTES or (key == "href" and name != "a")):
                found.append(f"outside resource in {name} {key}: {value}")
            if key == "style" and CSS_OUTSIDE.search(value):
                found.append(f"outside resource in a style attribute: {value}")
    for style in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S | re.I):
        if CSS_OUTSIDE.search(style):
            found.append("outside resource in a <style> block")
    return found


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50
    assert any(path.name == "base.html" for path in TEMPLATES)


@pytest.mark.parametrize(
    "path", TEMPLATES, ids=[str(p.relative_to(settings.BASE_DIR)) for p in TEMPLATES]
)
def test_no_template_brings_in_what_the_policy_refuses(path):
    assert problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<script type='text/javascript'>\nvar a = 1;</script>",
        '<button onclick="go()">x</button>',
        "<body onload=go()>",
        '<a href="javascript:go()">x</a>',
        '<script src="https://cdn.example/lib.js"></script>',
        '<link rel="stylesheet" href="//cdn.example/x.css">',
        '<img src="http://img.example/a.png" alt="">',
        '<form action="https://elsewhere.example/post" method="post"></form>',
        '<iframe src="https://elsewhere.example/"></iframe>',
        '<div style="background: url(https://img.example/a.png)"></div>',
        "<style>@import 'https://fonts.example/font.css';</style>",
    ],
)
def test_the_check_catches_each_kind(snippet):
    assert problems(snippet), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        "<script src=\"{% static 'js/audits.js' %}\"></script>",
        '<a href="https://region.example/">the region</a>',
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        '<link rel="stylesheet" href="{% static \'css/portal.css\' %}">',
        "<p>online, on time</p>",
    ],
)
def test_the_check_lets_local_assets_and_plain_links_through(snippet):
    assert problems(snippet) == []


def test_the_policy_itself_refuses_inline_scripts_and_outside_resources():
    directives = dict(part.strip().split(" ", 1) for part in POLICY.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in POLICY and "http" not in POLICY


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password_reset/"])
def test_public_pages_carry_the_policy_and_the_usual_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
