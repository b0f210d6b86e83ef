from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core import views as core_views
from core.api.auth import TokenDetailView, TokenListView, TokenLoginView

api_v1 = [
    path("auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("auth/tokens/", TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<str:pk>/", TokenDetailView.as_view(), name="api-token-detail"),
    path("", include("agencies.api.urls")),
    path("", include("audits.api.urls")),
    path("", include("audits.itdata.api_urls")),
    path("", include("sorting.api.urls")),
    path("", include("standards.api.urls")),
    path("", include("productivity.api.urls")),
    path("", include("reports.api.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", core_views.PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", core_views.PortalLogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password_reset/",
        core_views.PortalPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/session/", core_views.session_status, name="session-status"),
    path("admin/", admin.site.urls),
    path("agencies/", include("agencies.urls")),
    path("audits/", include("audits.urls")),
    path("sorting/", include("sorting.urls")),
    path("standards/", include("standards.urls")),
    path("productivity/", include("productivity.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("notices/", core_views.notice_list, name="notices"),
]

# Errors answer JSON under /api/ (the REST contract) and the portal's pages elsewhere.
handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

admin.site.site_header = "5S Portal"
admin.site.site_title = "5S Portal"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
