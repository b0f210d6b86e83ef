"""The standards app's API: the register and daily checklist, stock, visual control."""

from rest_framework.routers import SimpleRouter

from standards.register.api import urlpatterns as register_urls
from standards.stock import api as stock_api
from standards.visual import api as visual_api

router = SimpleRouter()
stock_api.register(router)
visual_api.register(router)

urlpatterns = [*register_urls, *router.urls]
