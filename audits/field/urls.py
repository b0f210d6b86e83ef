from django.urls import path

from audits.field import views

urlpatterns = [
    path("field-sw.js", views.service_worker, name="field-service-worker"),
    path("<int:pk>/sheets/<int:person_id>/field/", views.field_sheet, name="field-sheet"),
    path(
        "<int:pk>/sheets/<int:person_id>/field/submit/",
        views.field_submit,
        name="field-submit",
    ),
]
