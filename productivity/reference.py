"""Data printed in the manual (its Kст table and worked examples), kept as fixture data in
fixtures/productivity/manual_examples.json: the tests check the arithmetic against it and the
Kст page shows the printed table next to the computed one."""

import json
from decimal import Decimal
from functools import cache

from django.conf import settings

MANUAL_EXAMPLES = settings.BASE_DIR / "fixtures" / "productivity" / "manual_examples.json"


@cache
def manual_examples():
    with open(MANUAL_EXAMPLES, encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


def printed_kst_table():
    """The manual's Kст rows (base 0,4, share 0,3) as Decimals."""
    table = manual_examples()["kst_table"]
    return [
        {
            "lower": Decimal(row["lower"]) if row["lower"] is not None else None,
            "upper": Decimal(row["upper"]),
            "kst": Decimal(row["kst"]),
        }
        for row in table["rows"]
    ]
