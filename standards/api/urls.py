"""The standards app's API: the register and daily checklist, shine (step 3), stock, visual
control."""

from rest_framework.routers import SimpleRouter

from standards.register.api import urlpatterns as register_urls
from standards.shine import api as shine_api
from standards.stock import api as stock_api
from standards.visual import api as visual_api

router = SimpleRouter()
shine_api.register(router)
stock_api.register(router)
visual_api.register(router)

urlpatterns = [*register_urls, *router.urls]
