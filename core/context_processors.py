from django.conf import settings
from django.urls import reverse

from core.permissions import roles_of
from core.registry import nav_for
from core.roles import Role


def portal(request):
    user = getattr(request, "user", None)
    nav = [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in nav_for(user)
    ]
    roles = roles_of(user) if user is not None else frozenset()
    return {
        "portal_nav": nav,
        "portal_roles": [Role(role).label for role in sorted(roles)],
        "idle_timeout_seconds": settings.SESSION_IDLE_TIMEOUT_MINUTES * 60,
        "idle_warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
    }
