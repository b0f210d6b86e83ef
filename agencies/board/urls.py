from django.urls import path

from agencies.board import views

urlpatterns = [
    path("boards/", views.overview, name="board-overview"),
    path("<int:agency_pk>/board/", views.board, name="board"),
    path("<int:agency_pk>/board/edit/", views.board_edit, name="board-edit"),
    path("<int:agency_pk>/board/updates/", views.update_create, name="board-update-create"),
    path("<int:agency_pk>/board/remarks/", views.remark_create, name="board-remark-create"),
    path("<int:agency_pk>/board/poster.pdf", views.poster, name="board-poster"),
    path(
        "board/updates/<int:pk>/<str:kind>/",
        views.update_photo,
        name="board-update-photo",
    ),
]
