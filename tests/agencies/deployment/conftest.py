"""Fixtures of the deployment order and plan tests: the template, agency A's head, a СППО
with its curating deputy governor."""

import pytest

from tests.agencies.deployment.helpers import load_template, make_head, make_subdivision


@pytest.fixture
def template(db):
    load_template()


@pytest.fixture
def head_a(agency_a):
    return make_head(agency_a)


@pytest.fixture
def subdivision(db):
    return make_subdivision()
