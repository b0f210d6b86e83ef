from django.urls import include, path
from rest_framework.routers import SimpleRouter

from agencies.api import views

router = SimpleRouter()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("people", views.PersonViewSet, basename="person")
router.register("teams", views.TeamViewSet, basename="team")
router.register("rooms", views.RoomViewSet, basename="room")

urlpatterns = [
    *router.urls,
    path("", include("agencies.training.api_urls")),
    path("", include("agencies.proposals.api_urls")),
]
