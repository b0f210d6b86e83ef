from django.urls import path

from standards.register import views

urlpatterns = [
    path("", views.register, name="register"),
    path("list/", views.standard_list, name="list"),
    path("new/", views.standard_create, name="standard-create"),
    path("<int:pk>/", views.standard_detail, name="standard-detail"),
    path("<int:pk>/edit/", views.standard_edit, name="standard-edit"),
    path("<int:pk>/revise/", views.standard_revise, name="standard-revise"),
    path("<int:pk>/adopt/", views.standard_adopt, name="standard-adopt"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version-edit"),
    path("versions/<int:pk>/agree/", views.version_agree, name="version-agree"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version-approve"),
    path("register.pdf", views.register_pdf, name="register-pdf"),
    path("register.xlsx", views.register_xlsx, name="register-xlsx"),
    path("knowledge/", views.knowledge, name="knowledge"),
    path("checklists/", views.checklist_list, name="checklist-list"),
    path("checklists/new/", views.checklist_create, name="checklist-create"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist-detail"),
    path("checklists/<int:pk>/approve/", views.checklist_approve, name="checklist-approve"),
    path("checklists/<int:pk>/print.pdf", views.checklist_pdf, name="checklist-pdf"),
]
