from django.urls import path
from rest_framework.routers import SimpleRouter

from agencies.training import api

router = SimpleRouter()
router.register("training-programmes", api.ProgrammeViewSet, basename="training-programme")
router.register("training-sessions", api.SessionViewSet, basename="training-session")

urlpatterns = [
    *router.urls,
    path("training-coverage/", api.CoverageView.as_view(), name="training-coverage"),
]
