"""Page URLs of visual control (included by standards/urls.py under the `standards`
namespace)."""

from django.urls import path

from standards.visual import views

urlpatterns = [
    path("visual/", views.list_list, name="visual-lists"),
    path("visual/new/", views.list_create, name="visual-list-create"),
    path("visual/<int:pk>/", views.list_detail, name="visual-list"),
    path("visual/<int:pk>/edit/", views.list_edit, name="visual-list-edit"),
    path("visual/<int:pk>/agree/", views.list_agree, name="visual-list-agree"),
    path("visual/<int:pk>/pdf/", views.list_pdf, name="visual-list-pdf"),
    path("visual/<int:pk>/xlsx/", views.list_xlsx, name="visual-list-xlsx"),
    path("visual/error-proofing/", views.proofing_list, name="visual-proofing"),
    path("visual/emergency/", views.procedure_list, name="visual-procedures"),
    path(
        "visual/emergency/<int:pk>/approve/",
        views.procedure_approve,
        name="visual-procedure-approve",
    ),
]
