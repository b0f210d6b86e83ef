"""Embedded set-up for a developer's machine: SQLite, in-process tasks, console e-mail."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret-5s-portal-key-0123456789"  # noqa: F405
