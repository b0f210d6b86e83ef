from django.urls import path

from agencies.training import views

urlpatterns = [
    path("training/", views.region, name="training"),
    path("<int:agency_pk>/training/", views.agency_training, name="training-agency"),
    path(
        "<int:agency_pk>/training/programmes/new/",
        views.programme_create,
        name="training-programme-create",
    ),
    path("training/programmes/<int:pk>/", views.programme_detail, name="training-programme"),
    path(
        "<int:agency_pk>/training/sessions/new/",
        views.session_create,
        name="training-session-create",
    ),
]
