"""Fixtures of the visual-control tests: those of the stock tests (head_a, room_a, room_b)."""

from tests.standards.stock.conftest import head_a, keeper_a, room_a, room_b  # noqa: F401
