from django.urls import include, path
from rest_framework.routers import SimpleRouter

from audits.api import views

router = SimpleRouter()
router.register("audits", views.AuditViewSet, basename="audit")
router.register("action-plans", views.ActionPlanViewSet, basename="action-plan")
router.register("internal-audits", views.InternalAuditViewSet, basename="internal-audit")
router.register("photos", views.PhotoViewSet, basename="photo")

urlpatterns = [
    path("checklist/", views.ChecklistView.as_view(), name="checklist"),
    path(
        "audits/<int:pk>/sheets/<int:person_id>/",
        views.SheetView.as_view(),
        name="audit-sheet",
    ),
    path(
        "audits/<int:pk>/sheets/<int:person_id>/submit/",
        views.SheetSubmitView.as_view(),
        name="audit-sheet-submit",
    ),
    path(
        "audits/<int:pk>/sheets/<int:person_id>/withdraw/",
        views.SheetWithdrawView.as_view(),
        name="audit-sheet-withdraw",
    ),
    path(
        "audits/<int:pk>/sheets/<int:person_id>/xlsx/",
        views.SheetXlsxView.as_view(),
        name="audit-sheet-xlsx",
    ),
    path("workspace-parts/", views.InternalRoomView.as_view(), name="workspace-parts"),
    path("audits/<int:pk>/final-sheet/", views.FinalSheetView.as_view(), name="final-sheet"),
    path("audits/<int:pk>/evidence/", views.EvidenceView.as_view(), name="audit-evidence"),
    path(
        "audits/<int:pk>/final-sheet/decisions/",
        views.DecisionView.as_view(),
        name="final-sheet-decisions",
    ),
    path(
        "audits/<int:pk>/final-sheet/finalise/",
        views.FinaliseView.as_view(),
        name="final-sheet-finalise",
    ),
    path(
        "audits/<int:pk>/action-plan/",
        views.AuditActionPlanView.as_view(),
        name="audit-action-plan",
    ),
    path("", include("audits.closure.api_urls")),
    path("", include("audits.field.api_urls")),
    *router.urls,
]
