from django.urls import path

from audits.field import api

urlpatterns = [
    path(
        "audits/<int:pk>/sheets/<int:person_id>/answers/",
        api.SheetAnswerView.as_view(),
        name="audit-sheet-answers",
    ),
]
