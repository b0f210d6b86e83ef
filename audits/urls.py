from django.urls import include, path

from audits import views

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("", include("audits.itdata.urls")),
    path("", include("audits.closure.urls")),
    path("", include("audits.field.urls")),
    path("plan/", views.audit_plan, name="plan-audit"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/edit/", views.audit_reschedule, name="reschedule"),
    path("<int:pk>/sheets/<int:person_id>/", views.sheet, name="sheet"),
    path("<int:pk>/sheets/<int:person_id>/withdraw/", views.sheet_withdraw, name="sheet-withdraw"),
    path("<int:pk>/sheets/<int:person_id>/xlsx/", views.sheet_xlsx, name="sheet-xlsx"),
    path("<int:pk>/sheets/<int:person_id>/upload/", views.sheet_upload, name="sheet-upload"),
    path("<int:pk>/final/", views.final_sheet, name="final"),
    path("<int:pk>/final/decision/", views.decision, name="decision"),
    path("<int:pk>/final/finalise/", views.finalise, name="finalise"),
    path("<int:pk>/action-plan/", views.plan_create, name="plan-create"),
    path("action-plans/", views.plan_list, name="plan-list"),
    path("action-plans/<int:pk>/", views.plan_detail, name="plan"),
    path("action-plans/<int:pk>/approve/", views.plan_approve, name="plan-approve"),
    path("action-plans/<int:pk>/send-copy/", views.plan_send_copy, name="plan-send-copy"),
    path(
        "action-plans/<int:pk>/send-for-approval/",
        views.plan_send_for_approval,
        name="plan-send-for-approval",
    ),
    path("action-plans/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
    path("internal/", views.internal_index, name="internal-index"),
    path("internal/<int:agency_pk>/", views.internal, name="internal"),
    path("photos/<int:pk>/<str:kind>/", views.photo_file, name="photo-file"),
]
