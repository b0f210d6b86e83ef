from django.urls import path

from agencies.walkrounds import views

urlpatterns = [
    path("walk-rounds/", views.overview, name="walkround-overview"),
    path("<int:agency_pk>/walk-rounds/", views.agency_walk_rounds, name="walkround-agency"),
    path("walk-rounds/<int:pk>/", views.detail, name="walkround-detail"),
    path("walk-rounds/<int:pk>/edit/", views.edit, name="walkround-edit"),
    path("walk-rounds/<int:pk>/confirm/", views.confirm, name="walkround-confirm"),
]
