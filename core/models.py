"""Models of core. Each lives in the module of its mechanism and is imported here so that
Django registers it."""

from core.idempotency import IdempotencyRecord

__all__ = ["IdempotencyRecord"]
