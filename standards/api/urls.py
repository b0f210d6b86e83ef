"""The standards app's API: the register and daily checklist, set in order (placement), shine
(step 3), stock, visual control."""

from rest_framework.routers import SimpleRouter

from standards.placement import api as placement_api
from standards.register.api import urlpatterns as register_urls
from standards.shine import api as shine_api
from standards.stock import api as stock_api
from standards.visual import api as visual_api

router = SimpleRouter()
placement_api.register(router)
shine_api.register(router)
stock_api.register(router)
visual_api.register(router)

urlpatterns = [*register_urls, *router.urls]
