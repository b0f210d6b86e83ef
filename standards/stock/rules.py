"""Pure rules of the stock of material objects (§8.2 «Управление уровнем запасов материальных
объектов», seed 003 L1211–1245). No database, no Django: plain values in, plain values out.

- `needs_order`: «когда запас материальных объектов уменьшается до минимально допустимого
  количества, … должен сделать заказ» (L1237) — a count at or below the minimum needs an order.
- `over_maximum`: the level «должен быть приближен к минимуму» (L1219) and kept between the
  levels (Appendix 28's example, L4951) — a count above the maximum is flagged.
- `consumption`: what was used between two requests, from the successive counts.
- `suggest_order_quantity`: «размер заказа рекомендуется определять исходя из объёмов
  потребления в промежутке между заявками, учитывая временной промежуток на получение
  материальных объектов со склада» (L1231).
"""

import itertools
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal


def needs_order(count: int, minimum: int) -> bool:
    """True when the count has fallen to the minimum or below (L1237)."""
    return count <= minimum


def over_maximum(count: int, maximum: int) -> bool:
    """True when the count is above the maximum level (L1219, L4951)."""
    return count > maximum


def consumption(counts: Sequence[int]) -> int:
    """Objects used over successive counts (oldest first): the sum of every fall. A rise is a
    delivery, not negative use, so it adds nothing: 10, 7, 12, 9 → 3 + 3 = 6."""
    return sum(max(0, earlier - later) for earlier, later in itertools.pairwise(counts))


def suggest_order_quantity(
    *, consumed: int, interval_days: int, lead_days: int, count: int, maximum: int
) -> int:
    """The order size suggested for one item (L1231), in whole units.

    - `consumed` objects were used over `interval_days` days since the previous request; the
      daily use is `consumed / interval_days` (Decimal).
    - The order covers the use until the next request (the same interval again) plus the days
      it takes to get the objects from the warehouse (`lead_days`):
      `daily × (interval_days + lead_days)`, rounded **up** to a whole unit (ROUND_CEILING: a
      part of a pack is ordered as a pack, so the stock does not run out).
    - It never takes the stock above the maximum: at most `maximum − count`.
    - Without a previous request (`interval_days` 0) or without recorded use there is nothing
      to base it on, and the suggestion fills the place to the maximum.
    Never negative.
    """
    room = max(0, maximum - count)
    if interval_days <= 0 or consumed <= 0:
        return room
    daily = Decimal(consumed) / Decimal(interval_days)
    need = (daily * Decimal(interval_days + max(0, lead_days))).to_integral_value(
        rounding=ROUND_CEILING
    )
    return min(int(need), room)
