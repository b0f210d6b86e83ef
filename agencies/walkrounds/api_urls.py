from django.urls import path
from rest_framework.routers import SimpleRouter

from agencies.walkrounds import api

router = SimpleRouter()
router.register("walk-rounds", api.WalkRoundViewSet, basename="walk-round")

urlpatterns = [
    path("walk-round-status/", api.WalkRoundStatusView.as_view(), name="walk-round-status"),
    *router.urls,
]
