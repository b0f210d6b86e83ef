from django.urls import path

from sorting import views

app_name = "sorting"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("classifier/", views.classifier, name="classifier"),
    path("tags/", views.tag_list, name="tag-list"),
    path("tags/new/", views.tag_create, name="tag-create"),
    path("tags/print/", views.tag_batch_pdf, name="tag-batch-pdf"),
    path("tags/<int:pk>/", views.tag_detail, name="tag-detail"),
    path("tags/<int:pk>/edit/", views.tag_edit, name="tag-edit"),
    path("tags/<int:pk>/pdf/", views.tag_pdf, name="tag-pdf"),
    path("tags/<int:pk>/list/", views.tag_add_to_round, name="tag-add-to-round"),
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("rounds/<int:pk>/control-sheet/", views.control_sheet, name="control-sheet"),
    path("rounds/<int:pk>/rarely-needed/new/", views.rarely_needed_add, name="rarely-needed-add"),
    path("lists/<int:pk>/", views.list_detail, name="list-detail"),
    path("lists/<int:pk>/approve/", views.list_approve, name="list-approve"),
    path("lists/<int:pk>/decisions/", views.list_decisions, name="list-decisions"),
    path("lists/<int:pk>/pdf/", views.list_pdf, name="list-pdf"),
    path("lists/<int:pk>/xlsx/", views.list_xlsx, name="list-xlsx"),
    path("lines/<int:pk>/decision/", views.line_decide, name="line-decide"),
    path("lines/<int:pk>/carried-out/", views.line_carried_out, name="line-carried-out"),
    path("zone/<int:agency_pk>/", views.zone, name="zone"),
    path("zone/<int:agency_pk>/admit/", views.zone_admit, name="zone-admit"),
    path("zone/<int:agency_pk>/check/", views.zone_check, name="zone-check"),
]
