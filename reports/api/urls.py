from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.api import views

router = SimpleRouter()
router.register("reports", views.DocumentViewSet, basename="report")
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="reports-summary"),
    *router.urls,
]
