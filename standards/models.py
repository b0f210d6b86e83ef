"""Models of steps 2–4 (§6–§8). Each part keeps its models in its sub-package; they are
imported here, the app's models module."""

from standards.placement.models import (
    DeskItem,
    PlacementRules,
    PlacementSchedule,
    PlacementScheduleRow,
    PlacementScheme,
)
from standards.register.models import (
    DailyChecklist,
    DailyChecklistItem,
    Standard,
    StandardAttachment,
    StandardKind,
    StandardVersion,
)
from standards.stock.models import OrderLine, OrderRequest, StockCount, StockItem, StockPlace
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)

__all__ = [
    "DailyChecklist",
    "DailyChecklistItem",
    "DeskItem",
    "EmergencyProcedure",
    "ErrorProofing",
    "OrderLine",
    "OrderRequest",
    "PlacementRules",
    "PlacementSchedule",
    "PlacementScheduleRow",
    "PlacementScheme",
    "Standard",
    "StandardAttachment",
    "StandardKind",
    "StandardVersion",
    "StockCount",
    "StockItem",
    "StockPlace",
    "VisualControlList",
    "VisualControlPoint",
]
