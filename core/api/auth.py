"""The API's login: `POST /api/v1/auth/token/` `{"username", "password"}` → `{"token", ...}`
(the contract of ../shared/API.md), behind the same guessing protection as the login page."""

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.lockout import api_lockout_response


def _issue_token(request, user) -> dict:
    token, _created = Token.objects.get_or_create(user=user)
    return {"token": token.key}


class TokenLoginView(APIView):
    """A wrong login is 400 with a message; a locked account (too many wrong passwords for
    this username, core.lockout) is 429 saying when to try again."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: inline_serializer("TokenIssued", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # django-axes marks the request it refused (the DRF request passed to authenticate).
            if getattr(request, "axes_locked_out", False):
                return api_lockout_response(str(request.data.get("username", "")))
            raise serializers.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        # Lets axes reset the account's failures and log the login, as the login page does.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response(_issue_token(request, user))
