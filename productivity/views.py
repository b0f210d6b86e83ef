from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from productivity import permissions, selectors


def _require_role(request):
    if not permissions.can_view_productivity(request.user):
        raise PermissionDenied


@login_required
def index(request):
    _require_role(request)
    studies = selectors.study_list(user=request.user, filters=request.GET)
    return render(request, "productivity/index.html", {"studies": studies})


@login_required
def results(request):
    _require_role(request)
    rows, region = selectors.results(user=request.user)
    return render(request, "productivity/results.html", {"rows": rows, "region": region})
