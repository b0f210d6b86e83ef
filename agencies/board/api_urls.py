from django.urls import path
from rest_framework.routers import SimpleRouter

from agencies.board import api

router = SimpleRouter()
router.register("board-updates", api.BoardUpdateViewSet, basename="board-update")
router.register("board-remarks", api.BoardRemarkViewSet, basename="board-remark")

urlpatterns = [
    path("agencies/<int:pk>/board/", api.BoardAPIView.as_view(), name="agency-board"),
    *router.urls,
]
