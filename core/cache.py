"""The shared cache (CACHE_URL) holds only what can be made again: a rendered dashboard, a PDF.
A cache that cannot be reached (its Redis down or restarting) must cost the work again, never
an error page, so reads and writes of such entries go through `get_or_make`."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

Value = TypeVar("Value")


def get_or_make(
    key: str,
    make: Callable[[], Value],
    timeout: int,
    *,
    keep: Callable[[Value], bool] = lambda value: True,
) -> Value:
    """The value cached under `key`, or `make()`'s, kept for `timeout` seconds when `keep`
    accepts it. A timeout of 0 turns the cache off; an unreachable cache is logged and the
    value made afresh."""
    if not timeout:
        return make()
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("cache unreachable: %s made afresh", key.split(":", 1)[0], exc_info=True)
        return make()
    if value is not None:
        return value
    value = make()
    if keep(value):
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("cache unreachable: %s not kept", key.split(":", 1)[0], exc_info=True)
    return value
