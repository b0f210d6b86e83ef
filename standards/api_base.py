"""What the API viewsets of the standards app's sub-packages share (../shared/API.md): a list
scoped and filtered by the sub-package's selector, writes through its services, and every
answer to a write re-read as the reader sees it.

A sub-package's viewset names its functions; the shape of the request and the answer stays
its own (serializers, `@action`s and their schema).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from agencies.permissions import readable_agency_or_404
from core.api.filters import SelectorFilters
from core.api.permissions import HasPortalRole
from core.idempotency import IdempotentCreateMixin


# A serializer whose `fixed_after_create` fields (the record's agency, …) are written on `POST`
# and read-only on `PATCH`: a record never moves to another agency. (A comment, not a
# docstring: drf-spectacular would show a docstring as the description of every serializer
# without one of its own.)
class FixedAfterCreateMixin:
    fixed_after_create: tuple[str, ...] = ("agency",)

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in self.fixed_after_create:
                fields[name].read_only = True
        return fields


class SelectorMixin:
    """`get_queryset()` from the view's `select(user=..., filters_data=...)`: scoped to the
    user, and for the list action narrowed by the query parameters. `detail_selector(user=...,
    pk=...)`, when the view names one, re-reads a written record for the answer (its prefetches,
    the user's scope)."""

    filter_backends = [SelectorFilters]
    permission_classes = [HasPortalRole]
    detail_selector = None

    def get_queryset(self):
        filters_data = self.request.query_params if self.action == "list" else None
        return self.select(user=self.request.user, filters_data=filters_data)

    def _written(self, record):
        """The record as an answer shows it: re-read through `detail_selector` if named."""
        if self.detail_selector is None:
            return record
        return self.detail_selector(user=self.request.user, pk=record.pk)

    def _answer(self, record, code=status.HTTP_200_OK):
        """The answer to a write: the record re-read, in the view's serializer."""
        return Response(self.serializer_class(self._written(record)).data, status=code)


class RecordViewSet(
    SelectorMixin,
    IdempotentCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """An agency's record kept through its services: `POST` names the agency (one the user
    reads, 404 otherwise) and calls `create_service(actor=, agency=, data=)`; `PATCH` calls
    `update_service(actor=, <record_arg>=, data=)`; the services decide who may (403) and what
    is allowed (400, 409). Name the functions as `staticmethod(services.x_create)`, like
    `select`."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    create_service = None
    update_service = None
    record_arg = ""  # the services' keyword for the record: "analysis", "plan", …

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agency = readable_agency_or_404(self.request.user, data.pop("agency"))
        created = self.create_service(actor=self.request.user, agency=agency, data=data)
        serializer.instance = self._written(created)

    def perform_update(self, serializer):
        updated = self.update_service(
            actor=self.request.user,
            data=serializer.validated_data,
            **{self.record_arg: serializer.instance},
        )
        serializer.instance = self._written(updated)

    def _act(self, service, read_input=None):
        """An action on the record of the URL (sign, agree, record dates): the record is found
        (404) before `read_input(request)` checks the body (400) and gives the service's other
        keywords; then `service(actor=, <record_arg>=, **those)`; the answer is the record
        re-read."""
        record = self.get_object()
        given = read_input(self.request) if read_input is not None else {}
        service(actor=self.request.user, **{self.record_arg: record}, **given)
        return self._answer(record)
