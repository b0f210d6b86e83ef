"""The API's login and its tokens (issue 13 items 1 and 2).

`POST /api/v1/auth/token/` `{"username", "password"}` → `{"token", "expiry"}` keeps the contract
of ../shared/API.md (the header stays `Authorization: Token …`). Tokens are django-rest-knox's:
stored only as a SHA-512 digest, expiring after API_TOKEN_TTL_HOURS, one per login, and
revoked on a password change or deactivation (core.signals). A client lists its tokens
(`GET /api/v1/auth/tokens/`), revokes one (`DELETE /api/v1/auth/tokens/{id}/`), all
(`DELETE /api/v1/auth/tokens/`) or the one it is using (`DELETE /api/v1/auth/token/`), and
renews by logging in again before the expiry. Logins go through the same guessing protection
as the login page (core.lockout)."""

from django.contrib.auth.signals import user_logged_in
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import PortalPagination
from core.lockout import api_lockout_response

# The public id of a token: the start of its digest (the digest is a hash of the secret, so
# showing it discloses nothing of the token itself).
TOKEN_ID_LENGTH = 16


def token_id(token: AuthToken) -> str:
    return token.digest[:TOKEN_ID_LENGTH]


def active_tokens(user):
    """The user's tokens that have not expired, newest first."""
    return AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created")


class TokenSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField()
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField()
    current = serializers.SerializerMethodField()

    def get_id(self, token) -> str:
        return token_id(token)

    def get_current(self, token) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, AuthToken) and auth.digest == token.digest


TOKEN_ISSUED = inline_serializer(
    "TokenIssued", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
)


class TokenLoginView(APIView):
    """POST logs in (no authentication needed, so a browser's session plays no part): a wrong
    login is 400 with a message, a locked account 429 saying when to try again. DELETE revokes
    the token the request is signed with."""

    throttle_classes: list = []

    def initialize_request(self, request, *args, **kwargs):
        self._logging_in = request.method == "POST"
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self):
        if getattr(self, "_logging_in", False):
            return []
        return super().get_authenticators()

    def get_permissions(self):
        if getattr(self, "_logging_in", False):
            return []
        return super().get_permissions()

    @extend_schema(request=AuthTokenSerializer, responses={200: TOKEN_ISSUED}, auth=[])
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # django-axes marks the request it refused (the DRF request passed to authenticate).
            if getattr(request, "axes_locked_out", False):
                return api_lockout_response(str(request.data.get("username", "")))
            raise serializers.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        # Lets axes reset the account's failures and log the login, as the login page does.
        had_session = request.session.session_key is not None
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        if not had_session:
            # axes creates a session to log its hash: a REST client would get a cookie it never
            # needs, and each of its later requests would read that empty session (a query
            # every request, issue 18's load test) while the table fills with one per login.
            request.session.flush()
        return Response({"token": token, "expiry": instance.expiry})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not isinstance(request.auth, AuthToken):
            raise serializers.ValidationError(
                {"detail": _("Запрос подписан не токеном: отзывать нечего.")}
            )
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(APIView):
    """The signed-in user's own tokens (never another's): GET lists, DELETE revokes all."""

    # Read by the schema: the list is paginated like every other (get() pages it itself).
    pagination_class = PortalPagination

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request):
        paginator = PortalPagination()
        page = paginator.paginate_queryset(active_tokens(request.user), request, view=self)
        data = TokenSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=None, responses={204: None}, operation_id="v1_auth_tokens_revoke_all")
    def delete(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenDetailView(APIView):
    """One of the user's own tokens; another user's or an unknown id is 404."""

    def _token(self, request, pk):
        if len(pk) != TOKEN_ID_LENGTH:
            raise Http404
        return get_object_or_404(active_tokens(request.user), digest__startswith=pk)

    @extend_schema(responses={200: TokenSerializer})
    def get(self, request, pk):
        token = self._token(request, pk)
        return Response(TokenSerializer(token, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        self._token(request, pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
