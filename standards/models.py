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
from standards.shine.models import (
    AnalysisRow,
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
    PlanRow,
    ScheduleDate,
    ScheduleRow,
    Signature,
)
from standards.stock.models import OrderLine, OrderRequest, StockCount, StockItem, StockPlace
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)

__all__ = [
    "AnalysisRow",
    "CleaningAnalysis",
    "CleaningPlan",
    "CleaningSchedule",
    "ContaminationType",
    "DailyChecklist",
    "DailyChecklistItem",
    "DeskItem",
    "EmergencyProcedure",
    "ErrorProofing",
    "GeneralCleaning",
    "OrderLine",
    "OrderRequest",
    "PlacementRules",
    "PlacementSchedule",
    "PlacementScheduleRow",
    "PlacementScheme",
    "PlanRow",
    "ScheduleDate",
    "ScheduleRow",
    "Signature",
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
