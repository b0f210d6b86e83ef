"""A server process pays its one-off costs as it starts (core.warmup, issue 18): the URLconf, the
reverse URL lookups of every language, WeasyPrint's fonts. gunicorn does it once in the master
before forking the workers, and again, near free, in each worker; Celery before its pool forks."""

import runpy
from unittest import mock

import pytest
from django.conf import settings
from django.urls import clear_url_caches, get_resolver

from core.warmup import warm_up_urls


def _gunicorn_config():
    return runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))


@pytest.fixture
def warm_ups(monkeypatch):
    calls = []
    monkeypatch.setattr("core.warmup.warm_up_process", lambda: calls.append(True))
    return calls


@pytest.mark.django_db
def test_the_reverse_url_lookups_of_every_language_are_built_without_the_database(
    django_assert_num_queries,
):
    clear_url_caches()  # a resolver as a new process has it: nothing built yet
    with django_assert_num_queries(0):
        warm_up_urls()
    # Django builds the reverse lookup per language, on the first reverse() in it: 0.19 s each.
    built = set(get_resolver()._reverse_dict)
    assert built >= {code for code, _name in settings.LANGUAGES}


def test_gunicorn_loads_the_application_once_and_warms_it_up_before_forking(warm_ups):
    config = _gunicorn_config()
    assert config["preload_app"] is True
    config["when_ready"](mock.Mock())  # the master, before the first worker is forked
    assert warm_ups == [True]


def test_every_gunicorn_worker_warms_up_before_its_first_request(warm_ups):
    _gunicorn_config()["post_worker_init"](mock.Mock())
    assert warm_ups == [True]


def test_a_failed_warm_up_is_logged_and_the_server_still_starts(monkeypatch):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr("core.warmup.warm_up_process", broken)
    config = _gunicorn_config()
    for hook in ("when_ready", "post_worker_init"):
        process = mock.Mock()
        config[hook](process)  # does not raise
        process.log.exception.assert_called_once()


def test_the_celery_worker_warms_up_before_its_pool_starts(warm_ups):
    from celery import signals

    from fives_portal.celery import warm_up_worker

    assert warm_up_worker in [ref() for _, ref in signals.worker_init.receivers]
    warm_up_worker(sender=None)
    assert warm_ups == [True]


def test_a_failed_celery_warm_up_is_logged_and_the_worker_still_starts(monkeypatch, caplog):
    from fives_portal.celery import warm_up_worker

    monkeypatch.setattr("core.warmup.warm_up_process", mock.Mock(side_effect=OSError("no fonts")))
    warm_up_worker(sender=None)
    assert "warm-up failed" in caplog.text
