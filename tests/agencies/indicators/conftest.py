"""Shared helpers of the indicator-sheet tests: a valid body of Appendix 8 (3 rows in each
section) and the agency's experts."""

import datetime

import pytest

from agencies.indicators import services
from agencies.models import Person
from tests.agencies.factories import PersonFactory

DAY = datetime.date(2026, 3, 2)


def body(agency, experts, *, date=DAY, per_section=3, times=("40", "45.25", "50.5")):
    indicators = []
    for section in ("paper", "electronic", "operation"):
        for index in range(per_section):
            indicators.append(
                {
                    "section": section,
                    "name": f"{section} {index + 1}",
                    "observations": list(times),
                }
            )
    for index in range(per_section):
        indicators.append(
            {
                "section": "cost",
                "name": f"объект {index + 1}",
                "month": "1.50",
                "quarter": "4.50",
                "year": "18.00",
            }
        )
    return {
        "agency": agency.pk,
        "date": date.isoformat(),
        "experts": [person.pk for person in experts],
        "indicators": indicators,
    }


def inputs(data):
    """The service's rows for a body."""
    from decimal import Decimal

    rows = []
    for row in data["indicators"]:
        rows.append(
            services.IndicatorInput(
                section=row["section"],
                name=row["name"],
                observations=[
                    services.ObservationRow(seconds=Decimal(s)) for s in row.get("observations", [])
                ],
                month=Decimal(row["month"]) if "month" in row else None,
                quarter=Decimal(row["quarter"]) if "quarter" in row else None,
                year=Decimal(row["year"]) if "year" in row else None,
            )
        )
    return rows


def create(actor, agency, experts, **kwargs):
    data = body(agency, experts, **kwargs)
    return services.sheet_create(
        actor=actor,
        agency=agency,
        date=datetime.date.fromisoformat(data["date"]),
        experts=experts,
        indicators=inputs(data),
    )


@pytest.fixture
def experts_a(agency_a, team_a):
    """Agency A with an actual headcount of 11 (3 experts needed) and 3 of its people."""
    agency_a.actual_headcount = 11
    agency_a.save(update_fields=["actual_headcount"])
    people = list(Person.objects.filter(agency=agency_a).order_by("pk")[:3])
    while len(people) < 3:
        people.append(PersonFactory(agency=agency_a))
    return people
