"""How API requests authenticate: `Authorization: Token …` checked against django-rest-knox's
hashed, expiring tokens (issue 13 item 2). Kept apart from the views: DRF imports the
authentication classes while it loads its own views."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from knox.signals import token_expired


class PortalTokenAuthentication(TokenAuthentication):
    """knox's check; the prefix is REST_KNOX's AUTH_HEADER_PREFIX, «Token» as in the contract.

    knox also loads every other token of the user on every request, to delete the expired
    ones: a query and a row per token a login holds (a shared or scripted login holds dozens),
    on every API call. Here a request checks only the token it presents; the others expire all
    the same (their expiry is checked when they are presented) and are deleted daily by
    `expired_tokens_delete` (the beat's «core: expired API tokens»)."""

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=self.__class__, username=username, source="auth_token")
            return True
        return False


def expired_tokens_delete() -> int:
    """Delete every expired API token (they no longer authenticate); the number deleted."""
    deleted, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted


class PortalTokenScheme(OpenApiAuthenticationExtension):
    """The schema keeps calling the scheme `tokenAuth`, as it did before knox."""

    target_class = PortalTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
