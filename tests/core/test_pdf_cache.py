"""A PDF made by WeasyPrint is kept under a digest of its HTML (core.documents.render_pdf): a
reprint is not laid out again, and any change to what it shows makes a new one."""

import io

import pytest
import weasyprint
from django.core.cache import cache
from django.test import override_settings
from pypdf import PdfReader

from core.documents import render_pdf

TEMPLATE = "reports/_pdf_base.html"


@pytest.fixture
def layouts(monkeypatch):
    """How many times WeasyPrint laid a document out."""
    cache.clear()
    calls = []
    real = weasyprint.HTML

    def counting(*args, **kwargs):
        calls.append(kwargs.get("string", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", counting)
    yield calls
    cache.clear()


def _title(content):
    return PdfReader(io.BytesIO(content)).metadata.title


def test_the_same_document_printed_again_is_not_laid_out_again(layouts):
    first = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"})
    again = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"})
    assert again == first
    assert len(layouts) == 1
    assert _title(again) == "Красный ярлык № 7"


def test_a_change_in_what_it_shows_or_in_its_language_makes_a_new_pdf(layouts):
    first = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"})
    changed = render_pdf(TEMPLATE, {"title": "Красный ярлык № 8"})
    english = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"}, language="en")
    assert len(layouts) == 3
    assert _title(changed) == "Красный ярлык № 8"
    assert changed != first and english != first
    assert 'counter(page) " of " counter(pages)' in layouts[2]


def test_turned_off_or_too_large_a_pdf_is_made_every_time(layouts, settings):
    settings.PDF_CACHE_SECONDS = 0
    render_pdf(TEMPLATE, {"title": "Ярлык"})
    render_pdf(TEMPLATE, {"title": "Ярлык"})
    assert len(layouts) == 2
    settings.PDF_CACHE_SECONDS = 60
    settings.PDF_CACHE_MAX_BYTES = 100
    render_pdf(TEMPLATE, {"title": "Ярлык"})
    render_pdf(TEMPLATE, {"title": "Ярлык"})
    assert len(layouts) == 4


# The cache's Redis down: nothing listens on port 1, so every call is refused at once.
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_an_unreachable_cache_costs_a_layout_not_the_pdf(layouts, caplog):
    with override_settings(CACHES=UNREACHABLE_CACHE):
        first = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"})
        again = render_pdf(TEMPLATE, {"title": "Красный ярлык № 7"})
    assert _title(first) == _title(again) == "Красный ярлык № 7"
    assert len(layouts) == 2
    assert "cache unreachable: pdf made afresh" in caplog.text


# --- warm-up as a process starts (issue 18's load test: the first PDF of each worker) ----------


def test_the_warm_up_lays_out_a_line_and_keeps_nothing_in_the_cache(layouts):
    from core.documents import warm_up_pdf

    warm_up_pdf()
    assert len(layouts) == 1 and "DejaVu Sans" in layouts[0]
    render_pdf(TEMPLATE, {"title": "Красный ярлык № 9"})
    assert len(layouts) == 2, "the warm-up must not fill the cache with a document"
