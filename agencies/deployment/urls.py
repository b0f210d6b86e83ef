"""Pages of the deployment order and plan, included into the agencies namespace."""

from django.urls import path

from agencies.deployment import views as deployment

urlpatterns = [
    path("deployment/plans/", deployment.plan_list, name="deployment-plans"),
    path("deployment/plans/<int:pk>/", deployment.plan_detail, name="deployment-plan"),
    path("deployment/plans/<int:pk>/pdf/", deployment.plan_pdf, name="deployment-plan-pdf"),
    path("deployment/plans/<int:pk>/xlsx/", deployment.plan_xlsx, name="deployment-plan-xlsx"),
    path("deployment/orders/", deployment.order_list, name="deployment-orders"),
    path(
        "<int:agency_pk>/deployment/orders/new/",
        deployment.order_create,
        name="deployment-order-create",
    ),
    path("deployment/orders/<int:pk>/", deployment.order_detail, name="deployment-order"),
    path("deployment/orders/<int:pk>/scan/", deployment.order_scan, name="deployment-order-scan"),
]
