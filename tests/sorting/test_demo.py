import io

from django.core.management import call_command

from sorting.models import RedTag, SortingRound, StorageAdmission


def test_demo_sorting_loads_once_through_the_services(demo_region):
    out = io.StringIO()
    call_command("load_demo_sorting", stdout=out)
    rounds = SortingRound.objects.count()
    assert rounds >= 1
    assert "demo sortings created" in out.getvalue()
    numbers = sorted(
        RedTag.objects.filter(agency=SortingRound.objects.first().agency).values_list(
            "number", flat=True
        )
    )
    assert numbers == [1, 2, 3, 4]
    assert StorageAdmission.objects.count() == 2 * rounds
    call_command("load_demo_sorting", stdout=io.StringIO())
    assert SortingRound.objects.count() == rounds
