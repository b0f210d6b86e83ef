"""How API requests authenticate: `Authorization: Token …` checked against django-rest-knox's
hashed, expiring tokens (issue 13 item 2). Kept apart from the views: DRF imports the
authentication classes while it loads its own views."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication


class PortalTokenAuthentication(TokenAuthentication):
    """knox's check; the prefix is REST_KNOX's AUTH_HEADER_PREFIX, «Token» as in the contract."""


class PortalTokenScheme(OpenApiAuthenticationExtension):
    """The schema keeps calling the scheme `tokenAuth`, as it did before knox."""

    target_class = PortalTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
