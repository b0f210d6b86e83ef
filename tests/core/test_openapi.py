import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    """drf-spectacular warns about ambiguous components and views it cannot describe; any
    such warning means REST clients would read a wrong schema, so it fails the suite."""
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=io.StringIO()
    )
    text = target.read_text(encoding="utf-8")
    assert "/api/v1/agencies/" in text
    assert "TokenAuth" in text or "tokenAuth" in text
