from django.urls import path

from audits.closure import views

urlpatterns = [
    path("steps/", views.overview, name="closure-overview"),
    path("steps/<int:agency_pk>/", views.agency_steps, name="closure-agency"),
    path("steps/closures/<int:pk>/", views.closure_detail, name="closure-detail"),
    path("steps/closures/<int:pk>/pdf/", views.closure_pdf, name="closure-pdf"),
    path("steps/standards/<int:pk>/file/", views.standard_copy, name="closure-standard-copy"),
]
