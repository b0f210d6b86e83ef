from django.urls import path
from rest_framework.routers import SimpleRouter

from productivity.api import views

router = SimpleRouter()
router.register(
    "productivity/workplaces", views.WorkplaceViewSet, basename="productivity-workplace"
)
router.register("productivity/studies", views.StudyViewSet, basename="productivity-study")

urlpatterns = [
    path("productivity/growth/", views.GrowthView.as_view(), name="productivity-growth"),
    path("productivity/piece-rate/", views.PieceRateView.as_view(), name="productivity-piece-rate"),
    path("productivity/headcount/", views.HeadcountView.as_view(), name="productivity-headcount"),
    path("productivity/results/", views.ResultsView.as_view(), name="productivity-results"),
    *router.urls,
]
