import io
from decimal import Decimal

from django.core.management import call_command

from productivity.models import Measurement, Study


def test_demo_studies_load_once_with_the_calculators_figures(demo_region):
    out = io.StringIO()
    call_command("load_demo_productivity", stdout=out)
    assert "demo timing studies created: 6" in out.getvalue()
    call_command("load_demo_productivity", stdout=io.StringIO())
    assert Study.objects.count() == 6
    assert Measurement.objects.count() == 12
    # Every study improved, and the agencies' figures differ.
    growths = list(Study.objects.values_list("growth", flat=True))
    assert all(growth > 1 for growth in growths)
    assert len(set(growths)) == 6
    # The first agency's registration desk is the manual's piece-rate example: Tц 48 → 24 s,
    # Kвц 0.5 → 1.0 in 7.5 h of an 8 h shift.
    first = Study.objects.filter(title="Регистрация входящего письма").order_by("pk").first()
    before, after = (first.measurements.get(phase=phase) for phase in ("before", "after"))
    assert (before.cycle_time_s, after.cycle_time_s) == (Decimal(48), Decimal(24))
    assert (before.kvc, after.kvc) == (Decimal("0.5"), Decimal(1))
    assert before.available_actual_h == after.available_actual_h == Decimal("7.5")
    assert first.growth == Decimal(2)
