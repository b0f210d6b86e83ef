from django.urls import path
from rest_framework.routers import SimpleRouter

from agencies.proposals import api

router = SimpleRouter()
router.register("proposals", api.ProposalViewSet, basename="proposal")

urlpatterns = [
    *router.urls,
    path("proposal-counts/", api.CountsView.as_view(), name="proposal-counts"),
]
