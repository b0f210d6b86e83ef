from django.urls import path

from productivity import views

app_name = "productivity"

urlpatterns = [
    path("", views.index, name="index"),
    path("studies/new/", views.study_create, name="study-create"),
    path("studies/<int:pk>/", views.study_detail, name="study-detail"),
    path("studies/<int:pk>/edit/", views.study_edit, name="study-edit"),
    path("studies/<int:pk>/delete/", views.study_delete, name="study-delete"),
    path("studies/<int:pk>/measure/<str:phase>/", views.measure, name="measure"),
    path("workplaces/", views.workplace_list, name="workplace-list"),
    path("workplaces/new/", views.workplace_create, name="workplace-create"),
    path("workplaces/<int:pk>/", views.workplace_detail, name="workplace-detail"),
    path("workplaces/<int:pk>/edit/", views.workplace_edit, name="workplace-edit"),
    path("results/", views.results, name="results"),
    path("calculators/", views.calculator_index, name="calculators"),
    path("calculators/<slug:slug>/", views.calculator, name="calculator"),
    path("calculators/<slug:slug>/save/", views.calculator_save, name="calculator-save"),
]
