from rest_framework.routers import SimpleRouter

from standards.stock import api as stock_api
from standards.visual import api as visual_api

router = SimpleRouter()
stock_api.register(router)
visual_api.register(router)

urlpatterns = [*router.urls]
