"""The admin of the standards app: each sub-package registers its own models."""

from standards.placement import admin as placement_admin  # noqa: F401
from standards.register import admin as register_admin  # noqa: F401
from standards.shine import admin as shine_admin  # noqa: F401
from standards.stock import admin as stock_admin  # noqa: F401
from standards.visual import admin as visual_admin  # noqa: F401
