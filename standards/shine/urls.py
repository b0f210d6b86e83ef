"""Page URLs of step 3 (included by standards/urls.py under the `standards` namespace)."""

from django.urls import path

from standards.shine import views

urlpatterns = [
    path("shine/classifier/", views.contamination_list, name="shine-classifier"),
    path("shine/classifier.xlsx", views.contamination_xlsx, name="shine-classifier-xlsx"),
    path("shine/analyses/", views.analysis_list, name="shine-analyses"),
    path("shine/analyses/new/", views.analysis_create, name="shine-analysis-create"),
    path("shine/analyses/<int:pk>/", views.analysis_detail, name="shine-analysis"),
    path("shine/analyses/<int:pk>/edit/", views.analysis_edit, name="shine-analysis-edit"),
    path("shine/analyses/<int:pk>/sign/", views.analysis_sign, name="shine-analysis-sign"),
    path("shine/analyses/<int:pk>/pdf/", views.analysis_pdf, name="shine-analysis-pdf"),
    path("shine/analyses/<int:pk>/xlsx/", views.analysis_xlsx, name="shine-analysis-xlsx"),
    path("shine/plans/", views.plan_list, name="shine-plans"),
    path("shine/plans/new/", views.plan_create, name="shine-plan-create"),
    path("shine/plans/<int:pk>/", views.plan_detail, name="shine-plan"),
    path("shine/plans/<int:pk>/edit/", views.plan_edit, name="shine-plan-edit"),
    path("shine/plans/<int:pk>/sign/", views.plan_sign, name="shine-plan-sign"),
    path("shine/plans/<int:pk>/pdf/", views.plan_pdf, name="shine-plan-pdf"),
    path("shine/plans/<int:pk>/xlsx/", views.plan_xlsx, name="shine-plan-xlsx"),
    path("shine/schedules/", views.schedule_list, name="shine-schedules"),
    path("shine/schedules.xlsx", views.schedule_list_xlsx, name="shine-schedules-xlsx"),
    path("shine/schedules/new/", views.schedule_create, name="shine-schedule-create"),
    path("shine/schedules/<int:pk>/", views.schedule_detail, name="shine-schedule"),
    path("shine/schedules/<int:pk>/edit/", views.schedule_edit, name="shine-schedule-edit"),
    path("shine/schedules/<int:pk>/sign/", views.schedule_sign, name="shine-schedule-sign"),
    path("shine/schedules/<int:pk>/pdf/", views.schedule_pdf, name="shine-schedule-pdf"),
    path("shine/general/", views.general_list, name="shine-generals"),
    path("shine/general/new/", views.general_create, name="shine-general-create"),
    path("shine/general/<int:pk>/", views.general_detail, name="shine-general"),
    path("shine/general/<int:pk>/edit/", views.general_edit, name="shine-general-edit"),
    path("shine/general/<int:pk>/agree/", views.general_agree, name="shine-general-agree"),
]
