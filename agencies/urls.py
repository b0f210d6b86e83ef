from django.urls import include, path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="list"),
    path("<int:pk>/", views.agency_detail, name="detail"),
    path("<int:pk>/evidence/", views.agency_evidence, name="evidence"),
    path("<int:agency_pk>/teams/new/", views.team_create, name="team-create"),
    path("<int:agency_pk>/people/new/", views.person_create, name="person-create"),
    path("<int:agency_pk>/rooms/", views.room_list, name="rooms"),
    path("rooms/<int:pk>/edit/", views.room_edit, name="room-edit"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("teams/<int:pk>/", views.team_detail, name="team-detail"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team-edit"),
    path("working-group/", views.working_group, name="working-group"),
    path("working-group/edit/", views.working_group_edit, name="working-group-edit"),
    path("", include("agencies.walkrounds.urls")),
    # The deployment order and plan (§4.4, §4.8).
    path("", include("agencies.deployment.urls")),
    # Training (§9.2) and improvement proposals (§9.1, Appendix 36).
    path("", include("agencies.training.urls")),
    path("", include("agencies.proposals.urls")),
    # The indicator sheet (§4.7, Appendix 8) and the agency's actual headcount (L535).
    path("", include("agencies.indicators.urls")),
    # The information board (§4.9, Appendix 11).
    path("", include("agencies.board.urls")),
]
