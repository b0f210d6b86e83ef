"""Embedded set-up for a developer's machine: SQLite, in-process tasks, console e-mail.

DEBUG stays off unless the developer sets DEBUG=true: `make run` is also how a small office
runs the portal, and a debug page (settings, stack, SQL) must never reach a user."""

from .base import *  # noqa: F403

SECRET_KEY = SECRET_KEY or "local-development-only-not-secret-5s-portal-key-0123456789"  # noqa: F405
