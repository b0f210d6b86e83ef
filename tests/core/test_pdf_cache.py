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


def _gunicorn_hook():
    import runpy

    from django.conf import settings

    return runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))["post_worker_init"]


def test_every_gunicorn_worker_warms_up_before_its_first_request(monkeypatch):
    from unittest import mock

    warmed = []
    monkeypatch.setattr("core.documents.warm_up_pdf", lambda: warmed.append(True))
    _gunicorn_hook()(mock.Mock())
    assert warmed == [True]


def test_a_failed_warm_up_is_logged_and_the_worker_still_starts(monkeypatch):
    from unittest import mock

    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr("core.documents.warm_up_pdf", broken)
    worker = mock.Mock()
    _gunicorn_hook()(worker)  # does not raise
    worker.log.exception.assert_called_once()


def test_the_celery_worker_warms_up_before_its_pool_starts(monkeypatch):
    from celery import signals

    from fives_portal.celery import warm_up_documents

    warmed = []
    monkeypatch.setattr("core.documents.warm_up_pdf", lambda: warmed.append(True))
    assert warm_up_documents in [ref() for _, ref in signals.worker_init.receivers]
    warm_up_documents(sender=None)
    assert warmed == [True]
