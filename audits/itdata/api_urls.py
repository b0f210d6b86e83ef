from django.urls import path

from audits.itdata import api

urlpatterns = [
    path("it-standard/", api.ITStandardListView.as_view(), name="it-standard"),
    path(
        "it-standard/template/", api.ITStandardTemplateView.as_view(), name="it-standard-template"
    ),
    path("it-standard/import/", api.ITStandardImportView.as_view(), name="it-standard-import"),
]
