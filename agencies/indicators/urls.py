from django.urls import path

from agencies.indicators import views

urlpatterns = [
    path("indicators/", views.region, name="indicators"),
    path("<int:agency_pk>/indicators/", views.agency_indicators, name="indicators-agency"),
    path("<int:agency_pk>/indicators/new/", views.sheet_create, name="indicator-sheet-create"),
    path("<int:agency_pk>/headcount/", views.headcount_edit, name="headcount-edit"),
    path("indicators/sheets/<int:pk>/", views.sheet_detail, name="indicator-sheet"),
    path("indicators/sheets/<int:pk>/pdf/", views.sheet_pdf, name="indicator-sheet-pdf"),
    path("indicators/sheets/<int:pk>/xlsx/", views.sheet_xlsx, name="indicator-sheet-xlsx"),
]
