from django.urls import include, path
from rest_framework.routers import SimpleRouter

from agencies.api import views

router = SimpleRouter()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("people", views.PersonViewSet, basename="person")
router.register("teams", views.TeamViewSet, basename="team")
router.register("rooms", views.RoomViewSet, basename="room")

# Sub-packages of the app: walk-rounds (§4.5), the deployment order and plan (§4.4, §4.8),
# training (§9.2), improvement proposals (§9.1) and the information board (§4.9).
urlpatterns = [
    path("", include("agencies.walkrounds.api_urls")),
    path("", include("agencies.deployment.api.urls")),
    path("", include("agencies.training.api_urls")),
    path("", include("agencies.proposals.api_urls")),
    # The indicator sheet (§4.7, Appendix 8).
    path("", include("agencies.indicators.api_urls")),
    # The information board (§4.9, Appendix 11).
    path("", include("agencies.board.api_urls")),
    *router.urls,
]
