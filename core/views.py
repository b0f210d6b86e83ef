from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.registry import home_panels_for


class PortalLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PortalLogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    """Each role's start page: the panels every app contributes for this user."""
    return render(request, "core/home.html", {"panels": home_panels_for(request.user)})


@never_cache
def healthz(request):
    """Liveness for the load balancer: the process answers and the database responds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def selected_or_404(selector, **kwargs):
    """Call a scoped selector that `.get()`s one object; an object outside what the user may
    see is a 404, so its existence is not disclosed."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.http import Http404

    try:
        return selector(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
