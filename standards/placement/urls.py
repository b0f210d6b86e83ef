"""Page URLs of «Set in order» (included by standards/urls.py under the `standards` namespace)."""

from django.urls import path

from standards.placement import views

urlpatterns = [
    path("placement/", views.scheme_list, name="placement-schemes"),
    path("placement/agencies/<int:agency_pk>/", views.agency_rooms, name="placement-agency"),
    path("placement/rooms/<int:pk>/", views.room_detail, name="placement-room"),
    path("placement/schemes/<int:pk>/file/", views.scheme_file, name="placement-scheme-file"),
    path(
        "placement/schemes/<int:pk>/approve/",
        views.scheme_approve,
        name="placement-scheme-approve",
    ),
    path("placement/schedules/", views.schedule_list, name="placement-schedules"),
    path("placement/schedules/new/", views.schedule_create, name="placement-schedule-create"),
    path("placement/schedules/<int:pk>/", views.schedule_detail, name="placement-schedule"),
    path(
        "placement/schedules/<int:pk>/agree/",
        views.schedule_agree,
        name="placement-schedule-agree",
    ),
    path(
        "placement/schedules/<int:pk>/copy-sent/",
        views.schedule_copy_sent,
        name="placement-schedule-copy-sent",
    ),
    path("placement/schedules/<int:pk>/pdf/", views.schedule_pdf, name="placement-schedule-pdf"),
    path(
        "placement/schedules/<int:pk>/xlsx/",
        views.schedule_xlsx,
        name="placement-schedule-xlsx",
    ),
    path("placement/rules/", views.rules_list, name="placement-rules-list"),
    path("placement/rules/new/", views.rules_create, name="placement-rules-create"),
    path("placement/rules/<int:pk>/", views.rules_detail, name="placement-rules"),
    path("placement/rules/<int:pk>/approve/", views.rules_approve, name="placement-rules-approve"),
    path("placement/rules/<int:pk>/pdf/", views.rules_pdf, name="placement-rules-pdf"),
    path("placement/rules/<int:pk>/xlsx/", views.rules_xlsx, name="placement-rules-xlsx"),
]
