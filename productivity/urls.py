from django.urls import path

from productivity import views

app_name = "productivity"

urlpatterns = [
    path("", views.index, name="index"),
    path("results/", views.results, name="results"),
]
