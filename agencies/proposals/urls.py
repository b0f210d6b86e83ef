from django.urls import path

from agencies.proposals import views

urlpatterns = [
    path("proposals/", views.region, name="proposals"),
    path("<int:agency_pk>/proposals/", views.board, name="proposals-board"),
    path("<int:agency_pk>/proposals/new/", views.proposal_create, name="proposal-create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
]
