"""The models of the standards app live in its sub-packages; Django finds them here."""

from standards.stock.models import OrderLine, OrderRequest, StockCount, StockItem, StockPlace
from standards.visual.models import (
    EmergencyProcedure,
    ErrorProofing,
    VisualControlList,
    VisualControlPoint,
)

__all__ = [
    "EmergencyProcedure",
    "ErrorProofing",
    "OrderLine",
    "OrderRequest",
    "StockCount",
    "StockItem",
    "StockPlace",
    "VisualControlList",
    "VisualControlPoint",
]
