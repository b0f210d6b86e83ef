"""API errors: ApplicationError and Django's ValidationError become 400s with field details;
ConflictError (the record's state no longer allows the action) becomes 409."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError, ConflictError


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        body = {"detail": str(exc.message)}
        if exc.details:
            body["errors"] = {
                key: [str(msg)] if not isinstance(msg, list) else [str(m) for m in msg]
                for key, msg in exc.details.items()
            }
        code = (
            status.HTTP_409_CONFLICT
            if isinstance(exc, ConflictError)
            else status.HTTP_400_BAD_REQUEST
        )
        return Response(body, status=code)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(detail=exc.message_dict)
        else:
            exc = exceptions.ValidationError(detail={"detail": exc.messages})
    return drf_exception_handler(exc, context)
