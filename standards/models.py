"""Models of steps 2–4 (§6–§8). Each part keeps its models in its sub-package; they are
imported here, the app's models module."""

from standards.register.models import (  # noqa: F401
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardAttachment,
    StandardKind,
    StandardVersion,
)
