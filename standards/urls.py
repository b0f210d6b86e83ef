from standards.register.urls import urlpatterns as register_urls

app_name = "standards"

urlpatterns = [*register_urls]
