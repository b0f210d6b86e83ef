"""API fields derived from the inputs declared in productivity.inputs, and how the OpenAPI schema
describes them: a bounded decimal is documented in requests as a number with its minimum,
maximum and multipleOf (a string such as "7.5" is accepted too), and in responses as the decimal
string the API writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from productivity import bounds, inputs
from productivity.bounds import BoundValidator


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def bound_schema(bound: bounds.Bound) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "number",
        "minimum": _number(bound.minimum),
        "maximum": _number(bound.maximum),
        "multipleOf": _number(bound.step),
    }
    if bound.exclusive_minimum:
        schema["exclusiveMinimum"] = True
    return schema


class BoundedDecimalField(serializers.DecimalField):
    """A decimal within a bound; out of it, 400 with the bound's message."""

    def __init__(self, *, bound: bounds.Bound, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault("validators", []).append(BoundValidator(bound))
        super().__init__(max_digits=None, decimal_places=None, **kwargs)

    def to_representation(self, value: Any) -> Any:
        """Only request bodies use this field: its default is documented as a number."""
        return None if value is None else _number(Decimal(value))


class BoundedDecimalFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "productivity.api.fields.BoundedDecimalField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "response":
            return {"type": "string", "format": "decimal"}
        return bound_schema(self.target.bound)


class ObservationsField(serializers.ListField):
    """Repeated observations (seconds), each within the bound. An observation out of the bound
    is named by the list (`cycle_before`), as the other rules of the list are."""

    def __init__(self, *, bound: bounds.Bound = bounds.SECONDS, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault("max_length", bounds.MAX_OBSERVATIONS)
        kwargs.setdefault("allow_empty", False)
        super().__init__(
            child=serializers.DecimalField(max_digits=None, decimal_places=None), **kwargs
        )

    def to_internal_value(self, data: Any) -> list[Decimal]:
        values = super().to_internal_value(data)
        message = self.bound.list_error(values)
        if message:
            raise serializers.ValidationError(message)
        return values


class ObservationsFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "productivity.api.fields.ObservationsField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": bound_schema(self.target.bound)}
        if self.target.max_length is not None:
            schema["maxItems"] = self.target.max_length
        if not self.target.allow_empty:
            schema["minItems"] = 1
        return schema


class KvcBaseField(BoundedDecimalField):
    """The base Kвц: a number in requests and in responses. Responses have always written it as
    a JSON number (0.4), unlike the other decimals (../shared/API.md: decimals are strings);
    v1 keeps that type."""

    def to_representation(self, value: Any) -> Any:
        return None if value is None else float(value)


class KvcBaseFieldSchema(OpenApiSerializerFieldExtension):
    target_class = "productivity.api.fields.KvcBaseField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "response":
            return {"type": "number", "format": "double"}
        return bound_schema(self.target.bound)


def serializer_field(spec: inputs.Spec, **kwargs: Any) -> serializers.Field:
    """The API's field for one declared input."""
    common: dict[str, Any] = {"label": spec.label, **kwargs}
    if spec.help_text:
        common["help_text"] = spec.help_text
    if spec.kind == "decimal":
        assert spec.bound is not None
        return BoundedDecimalField(bound=spec.bound, **common)
    if spec.kind == "kvc_base":
        assert spec.bound is not None
        return KvcBaseField(bound=spec.bound, **common)
    if spec.kind == "integer":
        return serializers.IntegerField(min_value=spec.minimum, max_value=spec.maximum, **common)
    if spec.kind == "text":
        return serializers.CharField(max_length=spec.maximum, **common)
    if spec.kind == "choice":
        return serializers.ChoiceField(choices=list(spec.choices), **common)
    if spec.kind == "date":
        return serializers.DateField(**common)
    if spec.kind == "observations":
        assert spec.bound is not None
        return ObservationsField(bound=spec.bound, **common)
    raise AssertionError(spec.kind)


def fields_for(
    data_class: type, *, exclude: tuple[str, ...] = (), with_defaults: bool = True
) -> dict[str, serializers.Field]:
    """The serializer fields of a dataclass's declared inputs: a field with a default is
    optional, filled with that default (`with_defaults`) or left out of the validated data."""
    defaults = inputs.defaults(data_class)
    result = {}
    for name, spec in inputs.specs(data_class).items():
        if name in exclude:
            continue
        kwargs: dict[str, Any] = {}
        if name in defaults:
            if with_defaults:
                kwargs["default"] = defaults[name]
            else:
                kwargs["required"] = False
        if spec.kind == "text" and not spec.required:
            kwargs["allow_blank"] = True
        if spec.kind == "date" or (spec.kind == "decimal" and not spec.required):
            kwargs["allow_null"] = True
        result[name] = serializer_field(spec, **kwargs)
    return result


def input_serializer(
    name: str, fields: dict[str, serializers.Field], base: type = serializers.Serializer
) -> Any:
    """A serializer class with `base`'s fields and the derived ones."""
    return type(name, (base,), {**fields, "__module__": "productivity.api.serializers"})


class RowsSerializer(serializers.ListSerializer):
    """Rows of a nested serializer (`operations`), at least one and at most `max_length`."""


class RowsSerializerSchema(OpenApiSerializerFieldExtension):
    target_class = "productivity.api.fields.RowsSerializer"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        component = auto_schema.resolve_serializer(self.target.child, direction)
        schema: dict[str, Any] = {"type": "array", "items": component.ref}
        if self.target.max_length is not None:
            schema["maxItems"] = self.target.max_length
        if not self.target.allow_empty:
            schema["minItems"] = 1
        return schema


def rows(serializer: serializers.Serializer, *, max_length: int) -> RowsSerializer:
    return RowsSerializer(child=serializer, allow_empty=False, max_length=max_length)
