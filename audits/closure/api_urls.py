from rest_framework.routers import SimpleRouter

from audits.closure import api

router = SimpleRouter()
router.register("step-closures", api.StepClosureViewSet, basename="api-step-closure")

urlpatterns = router.urls
