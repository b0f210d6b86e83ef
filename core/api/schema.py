"""The OpenAPI schema documents the errors every operation answers (issue 10, item 10): the
REST contract (../shared/API.md, «Responses and errors») gives every endpoint the same JSON
error bodies, so they are added here once instead of on each view.

- 400: a refusal by a rule (`{"detail", "errors": {field: [...]}}`) or DRF's `{field: [...]}`
  for a malformed body, query parameter or filter;
- 401: no or a wrong token; 403: no right; 404: a record the user may not see, an unknown id,
  a page past the end;
- 409: an action the record's state no longer allows (only on operations that write).

An operation that documents a code itself (`@extend_schema(responses={...})`) keeps its own.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from core.api.serializers import ErrorSerializer

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

ERRORS = {
    "400": OpenApiResponse(
        # `{"detail", "errors"}` or DRF's `{field: [...]}` (nested for nested fields)
        {
            "type": "object",
            "properties": {
                "detail": {"type": "string"},
                "errors": {"type": "object", "additionalProperties": {"type": "array"}},
            },
            "additionalProperties": True,
        },
        description="A refusal by a rule, or a malformed body, parameter or filter.",
    ),
    "401": OpenApiResponse(ErrorSerializer, description="Not signed in (no or a wrong token)."),
    "403": OpenApiResponse(ErrorSerializer, description="No right to this action."),
    "404": OpenApiResponse(
        ErrorSerializer, description="Unknown path or id, or a record the user may not see."
    ),
}
CONFLICT = OpenApiResponse(
    ErrorSerializer, description="The record's state no longer allows the action."
)


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(ERRORS)
        if self.method not in SAFE_METHODS:
            errors["409"] = CONFLICT
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    response, code, ["application/json"], direction
                )
        return responses
