"""Page URLs of the stock (included by standards/urls.py under the `standards` namespace)."""

from django.urls import path

from standards.stock import views

urlpatterns = [
    path("stock/", views.place_list, name="stock-places"),
    path("stock/levels.xlsx", views.place_list_xlsx, name="stock-levels-xlsx"),
    path("stock/places/new/", views.place_create, name="stock-place-create"),
    path("stock/places/<int:pk>/", views.place_detail, name="stock-place"),
    path("stock/places/<int:pk>/levels/", views.place_levels, name="stock-levels"),
    path("stock/places/<int:pk>/counts/", views.place_counts, name="stock-counts"),
    path("stock/requests/", views.request_list, name="stock-requests"),
    path("stock/requests/<int:pk>/", views.request_detail, name="stock-request"),
    path("stock/requests/<int:pk>/approve/", views.request_approve, name="stock-request-approve"),
    path("stock/requests/<int:pk>/receive/", views.request_receive, name="stock-request-receive"),
    path("stock/requests/<int:pk>/pdf/", views.request_pdf, name="stock-request-pdf"),
]
