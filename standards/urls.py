from standards.placement.urls import urlpatterns as placement_urls
from standards.register.urls import urlpatterns as register_urls
from standards.shine.urls import urlpatterns as shine_urls
from standards.stock.urls import urlpatterns as stock_urls
from standards.visual.urls import urlpatterns as visual_urls

app_name = "standards"

urlpatterns = [*register_urls, *placement_urls, *shine_urls, *stock_urls, *visual_urls]
