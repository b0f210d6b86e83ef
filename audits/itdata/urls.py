from django.urls import path

from audits.itdata import views

urlpatterns = [
    path("it-standard/", views.it_standard, name="it-standard"),
    path("it-standard/template/", views.it_standard_template, name="it-standard-template"),
    path("it-standard/record/", views.it_standard_record, name="it-standard-record"),
    path("it-standard/import/", views.it_standard_import, name="it-standard-import"),
]
