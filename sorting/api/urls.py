from django.urls import path
from rest_framework.routers import SimpleRouter

from sorting.api import views

router = SimpleRouter()
router.register("red-tags", views.RedTagViewSet, basename="red-tag")
router.register("sorting-rounds", views.SortingRoundViewSet, basename="sorting-round")
router.register("sorting-lists", views.SortingListViewSet, basename="sorting-list")
router.register("sorting-lines", views.SortingLineViewSet, basename="sorting-line")
router.register("storage-admissions", views.StorageAdmissionViewSet, basename="storage-admission")
router.register("storage-checks", views.StorageCheckViewSet, basename="storage-check")

urlpatterns = [
    *router.urls,
    path("sorting-figures/", views.SortingFiguresView.as_view(), name="sorting-figures"),
]
