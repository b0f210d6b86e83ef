"""Filters every app's lists share.

An id in a query string (`?agency=`) is a whole number from 1 to the largest value a database
integer column holds: `?agency=-1.79e308` or a 30-digit id is refused as a malformed filter (400
in the API, a message on the page), not passed to the database, where SQLite raises
OverflowError, a server error (issue 10, fault 7).
"""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

# The largest id a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number from 1 to MAX_ID."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
