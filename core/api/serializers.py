"""Serializers core offers every app's API."""

from rest_framework import serializers


class FollowUpSerializer(serializers.Serializer):
    """A commit's follow-up (core.selectors.FollowUp): `status` is pending, running, done or
    failed; `error` says why a failed one failed."""

    status = serializers.ChoiceField(choices=["pending", "running", "done", "failed"])
    label = serializers.CharField()
    error = serializers.CharField(allow_blank=True)


class ErrorSerializer(serializers.Serializer):
    """Every error answer under /api/ (../shared/API.md): `detail` says what went wrong;
    `errors` names the fields a rule refused, each with its messages."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
