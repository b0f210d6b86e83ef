from django.urls import path
from rest_framework.routers import SimpleRouter

from agencies.indicators import api

router = SimpleRouter()
router.register("indicator-sheets", api.SheetViewSet, basename="indicator-sheet")

urlpatterns = [
    *router.urls,
    path(
        "agencies/<int:pk>/indicator-trends/",
        api.AgencyTrendsView.as_view(),
        name="agency-indicator-trends",
    ),
]
