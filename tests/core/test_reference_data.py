import pytest
from django.core.management import call_command

from audits.models import ChecklistVersion, Criterion


@pytest.mark.django_db
def test_reference_data_loads_once_however_often_it_runs():
    call_command("load_reference_data")
    criteria = Criterion.objects.count()
    call_command("load_reference_data")
    assert ChecklistVersion.objects.count() == 1
    assert Criterion.objects.count() == criteria == 35
