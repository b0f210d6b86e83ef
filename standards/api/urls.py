from standards.register.api import urlpatterns as register_urls

urlpatterns = [*register_urls]
