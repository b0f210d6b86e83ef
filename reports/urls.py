from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("summary/", views.summary, name="summary"),
    path("findings/", views.findings, name="findings"),
    path("documents/", views.document_list, name="documents"),
    path("documents/order/", views.document_order, name="document-order"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/status/", views.document_status, name="document-status"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
    path("knowledge-base/", views.knowledge_base, name="knowledge-base"),
    path(
        "knowledge-base/<int:pk>/download/",
        views.publication_download,
        name="publication-download",
    ),
]
