from rest_framework.routers import SimpleRouter

from agencies.deployment.api import views

router = SimpleRouter()
router.register("deployment-plans", views.DeploymentPlanViewSet, basename="deployment-plan")
router.register("deployment-orders", views.DeploymentOrderViewSet, basename="deployment-order")

urlpatterns = router.urls
