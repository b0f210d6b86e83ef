"""A fixed-window counter in the cache: how many times something happened for one key within
the current window, and how long until the window ends.

The cache is Redis in production (CACHE_URL, shared by every gunicorn worker) and local memory
for the embedded set-up's single process. A lost cache only forgets counts: it never refuses.
"""

import math
import time

from django.core.cache import cache


def seconds_until_allowed(scope: str, key: str, *, limit: int, window_seconds: int) -> int:
    """Count one more event for (scope, key); 0 if it is within `limit` for the current window,
    otherwise the seconds until the window ends (for Retry-After)."""
    now = time.time()
    window = int(now // window_seconds)
    cache_key = f"ratelimit:{scope}:{window}:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: this is the window's first event
            cache.add(cache_key, 1, timeout=window_seconds + 1)
            count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * window_seconds - now))
