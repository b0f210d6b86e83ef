"""Who a signed-in user is in the programme — their roles, their Person, the agencies they work
in, curate or head — remembered between requests in the shared cache.

Every request used to read these again: 2–3 of a typical API request's 6–7 queries and about
a fifth of its server time (issue 18's load test, where every request of 100 people counts).
They change only when an administrator or a team leader changes memberships, so each user's
answers are kept in the cache and all of them are forgotten together whenever anything they
derive from is saved or deleted (agencies.identity connects those models' signals to
`forget_all_identities`).

Safety:
- Nothing here is remembered without a cache every web process shares (IDENTITY_CACHE_SECONDS
  is 0 by default with a per-process cache), since a change made in one process must reach all.
- The generation is renewed both when a change is saved and again after its transaction
  commits: an answer read from the database in between, before the change was visible, is
  dropped too.
- Whatever no signal reports (a bulk `update()`, SQL typed by hand) is forgotten at the latest
  after IDENTITY_CACHE_SECONDS (5 minutes), as a session's idle timeout would be.
- The account's own flags (`is_active`, `is_superuser`) are never remembered: they are read
  with the account on every request.
- An unreachable cache only means the database is asked, as before.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "identity:generation"
T = TypeVar("T")
log = logging.getLogger(__name__)


class _Memo:
    """One user's remembered answers as one request sees them."""

    __slots__ = ("generation", "key", "values")

    def __init__(self, key: str, generation: str | None, values: dict[str, Any]):
        self.key = key
        self.generation = generation  # None: nothing is written back (cache unreachable)
        self.values = values


def remembered(user: Any, name: str, compute: Callable[[], T]) -> T:
    """The user's answer `name`, from the cache when it holds one of the current generation;
    otherwise `compute()`, which is then remembered."""
    if settings.IDENTITY_CACHE_SECONDS <= 0 or not getattr(user, "pk", None):
        return compute()
    memo = _memo(user)
    if name in memo.values:
        value: T = memo.values[name]
        return value
    value = compute()
    memo.values[name] = value
    if memo.generation is not None:
        try:
            cache.set(memo.key, (memo.generation, memo.values), settings.IDENTITY_CACHE_SECONDS)
        except Exception:  # the cache is down: the next request asks the database again
            log.warning("Identity cache unreachable: %s not kept", memo.key, exc_info=True)
    return value


def forget_all_identities(**kwargs: Any) -> None:
    """Forget every user's answers (a signal receiver: it takes and ignores the signal's
    arguments). Now, and again once the current transaction commits."""
    if settings.IDENTITY_CACHE_SECONDS <= 0:
        return
    _renew_generation()
    transaction.on_commit(_renew_generation)


def _renew_generation() -> None:
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        # Entries then live out their timeout; say so, loudly, as a permission may lag.
        log.error(
            "Identity cache unreachable: answers may be kept for up to %s s",
            settings.IDENTITY_CACHE_SECONDS,
            exc_info=True,
        )


def _memo(user: Any) -> _Memo:
    memo: _Memo | None = getattr(user, "_portal_identity", None)
    if memo is not None:
        return memo
    # The account's creation time tells apart two accounts that got the same id (an embedded
    # SQLite database reuses the id of a deleted row).
    key = f"identity:{user.pk}:{user.date_joined.timestamp() if user.date_joined else ''}"
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
        entry = found.get(key)
    except Exception:
        log.warning("Identity cache unreachable: reading %s from the database", key, exc_info=True)
        generation, entry = None, None
    values = dict(entry[1]) if entry and generation and entry[0] == generation else {}
    memo = _Memo(key, generation, values)
    user._portal_identity = memo
    return memo
