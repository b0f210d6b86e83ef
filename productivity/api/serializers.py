"""Serializers of the productivity API.

Inputs are derived from the dataclasses of productivity.inputs (productivity.api.fields), so
their bounds are those of the forms and the services and the OpenAPI schema states them. Each
result of productivity.calc (a frozen dataclass) has one output serializer; decimals go out as
strings rounded half up to the places of calc.PLACES (../shared/API.md).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencies.models import Agency
from audits.models import CorrectiveAction
from productivity import bounds, calc, inputs
from productivity.api.fields import (
    KvcBaseField,
    fields_for,
    input_serializer,
    rows,
    serializer_field,
)
from productivity.choices import KstFactor
from productivity.models import Measurement, Operation, Study, Workplace
from productivity.services import FIGURES


class RoundedField(serializers.Field):
    """A Decimal of a result, written as a string rounded to the places of its kind."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return str(calc.rounded(value, self.kind))


def _rounded_schema() -> None:
    from drf_spectacular.extensions import OpenApiSerializerFieldExtension

    class RoundedFieldSchema(OpenApiSerializerFieldExtension):
        target_class = RoundedField

        def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
            return {"type": "string"}


_rounded_schema()


# --- The calculators --------------------------------------------------------------------------

GrowthInputSerializer = input_serializer("GrowthInputSerializer", fields_for(inputs.GrowthInput))
GrowthInputSerializer.__doc__ = inputs.GrowthInput.__doc__


class GrowthOutputSerializer(serializers.Serializer):
    """calc.Growth: formula (11), its factors (8)–(10) and the growth in percent (7)."""

    cycle_factor = RoundedField("coefficient")
    available_factor = RoundedField("coefficient")
    quality_factor = RoundedField("coefficient")
    growth = RoundedField("coefficient")
    growth_percent = RoundedField("percent")


PieceRateInputSerializer = input_serializer(
    "PieceRateInputSerializer", fields_for(inputs.PieceRateInput)
)
PieceRateInputSerializer.__doc__ = inputs.PieceRateInput.__doc__


class PieceRateOutputSerializer(serializers.Serializer):
    """calc.PieceRateCard: Kвц, Kинт (null without Tдост идеал), what Kст was computed from
    (`kst_factor`: Kвц or Kинт in its place, seed 004 L385), Kст, the norm (2) in minutes, P,
    hourly output and wage."""

    kvc = RoundedField("coefficient")
    kint = RoundedField("coefficient", allow_null=True)
    kst_factor = serializers.ChoiceField(choices=KstFactor.choices, read_only=True)
    kst = RoundedField("coefficient")
    norm_min = RoundedField("time", source="norm_minutes")
    rate = RoundedField("money")
    output_per_hour = RoundedField("output")
    wage_per_hour = RoundedField("money")


_HEADCOUNT = inputs.specs(inputs.HeadcountInput)
_PIECE = inputs.specs(inputs.PieceRateInput)


class HeadcountOperationSerializer(serializers.Serializer):
    cycle_time_s = serializer_field(_PIECE["cycle_time_s"])
    workers_per_workplace = serializer_field(_HEADCOUNT["workers_per_workplace"], default=1)
    parts_per_cycle = serializer_field(_HEADCOUNT["parts_per_cycle"], default=1)


class HeadcountInputSerializer(serializers.Serializer):
    """Tт = Tдост / ПП; Чопер = ΣTц / Tт; Чяв = Σ Tц / (Tт × Kвн) × Чр рм / Зн × Kсм."""

    available_h = serializer_field(_HEADCOUNT["available_time"], help_text=_("Tдост, ч"))
    programme = serializer_field(
        _HEADCOUNT["programme"], help_text=_("производственная программа ПП, шт.")
    )
    operations = rows(HeadcountOperationSerializer(), max_length=bounds.MAX_CALCULATOR_OPERATIONS)
    norm_fulfilment = serializer_field(_HEADCOUNT["norm_fulfilment"], default=1, help_text=_("Kвн"))
    shifts = serializer_field(_HEADCOUNT["shifts"], default=1, help_text=_("Kсм"))


class HeadcountOutputSerializer(serializers.Serializer):
    """calc.Headcount: takt time in seconds and the two headcounts."""

    takt_s = RoundedField("time")
    headcount_lean = RoundedField("headcount")
    headcount_standards = RoundedField("headcount")


# --- Workplaces -------------------------------------------------------------------------------


class WorkplaceSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    kvc_base = KvcBaseField(bound=bounds.KVC_BASE, read_only=True)

    class Meta:
        model = Workplace
        fields = [
            "id",
            "agency",
            "agency_name",
            *inputs.stored(inputs.WorkplaceData),
        ]
        read_only_fields = fields


# Create and update: the workplace's agency and its declared settings. A setting left out keeps
# the workplace's value (on create, the declared default).
WorkplaceInputSerializer = input_serializer(
    "WorkplaceInputSerializer",
    {
        "agency": serializers.PrimaryKeyRelatedField(
            queryset=Agency.objects.all(), label=_("ОИВ ЯО / СППО")
        ),
        **fields_for(inputs.WorkplaceData, exclude=("agency",), with_defaults=False),
    },
)


# --- Studies ----------------------------------------------------------------------------------


class OperationSerializer(serializers.ModelSerializer):
    cycle_times_s = serializers.ListField(child=serializers.CharField(), read_only=True)
    manual_times_s = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Operation
        fields = [
            "position",
            *inputs.stored(inputs.OperationData),
            "cycle_min_s",
            "cycle_avg_s",
            "manual_min_s",
            "manual_avg_s",
        ]
        read_only_fields = fields


class MeasurementSerializer(serializers.ModelSerializer):
    operations = OperationSerializer(many=True, read_only=True)

    class Meta:
        model = Measurement
        fields = [
            "phase",
            "measured_on",
            *inputs.stored(inputs.MeasurementData),
            *FIGURES,
            "kst_factor",
            "operations",
        ]
        read_only_fields = fields


class CorrectiveActionSummarySerializer(serializers.ModelSerializer):
    """The corrective action (Appendix 30 row) the study's improvement carried out, in short."""

    class Meta:
        model = CorrectiveAction
        fields = ["id", "plan", "step", "number", "remark", "planned_date", "actual_date"]
        read_only_fields = fields


class StudySerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    workplace_name = serializers.CharField(source="workplace.name", read_only=True)
    corrective_action_summary = CorrectiveActionSummarySerializer(
        source="corrective_action", read_only=True, allow_null=True
    )
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = Study
        fields = [
            "id",
            "agency",
            "agency_name",
            "workplace",
            "workplace_name",
            *inputs.specs(inputs.StudyData),
            "corrective_action",
            "corrective_action_summary",
            "created_at",
            "cycle_factor",
            "available_factor",
            "quality_factor",
            "growth",
            "growth_percent",
            "measurements",
        ]
        read_only_fields = fields


_ID = {"min_value": 1, "max_value": 2**63 - 1}


StudyWriteSerializer = input_serializer(
    "StudyWriteSerializer",
    {
        "workplace": serializers.IntegerField(required=False, **_ID),
        **fields_for(inputs.StudyData),
        "corrective_action": serializers.IntegerField(
            required=False,
            allow_null=True,
            default=None,
            help_text=_(
                "Id корректирующего мероприятия утверждённого плана ОИВ ЯО / СППО рабочего "
                "места; null — нет."
            ),
            **_ID,
        ),
    },
)


OperationInputSerializer = input_serializer(
    "OperationInputSerializer", fields_for(inputs.OperationData)
)

MeasurementInputSerializer = input_serializer(
    "MeasurementInputSerializer",
    {
        **fields_for(inputs.MeasurementData),
        "operations": rows(OperationInputSerializer(), max_length=bounds.MAX_OPERATIONS),
        "improvement": serializer_field(
            inputs.specs(inputs.StudyData)["improvement"],
            required=False,
            allow_blank=True,
            allow_null=True,
            default=None,
        ),
        "corrective_action": serializers.IntegerField(
            required=False,
            allow_null=True,
            help_text=_(
                "Id корректирующего мероприятия утверждённого плана ОИВ ЯО / СППО исследования; "
                "null снимает связь; без поля связь не меняется."
            ),
            **_ID,
        ),
    },
)


# --- Results ----------------------------------------------------------------------------------


class FiguresSerializer(serializers.Serializer):
    """productivity.results.Figures."""

    studies = serializers.IntegerField(read_only=True)
    complete = serializers.IntegerField(read_only=True)
    from_actions = serializers.IntegerField(read_only=True)
    growth_avg = RoundedField("coefficient", allow_null=True)
    growth_max = RoundedField("coefficient", allow_null=True)
    growth_percent_avg = RoundedField("percent", allow_null=True)
    kvc_before = RoundedField("coefficient", allow_null=True)
    kvc_after = RoundedField("coefficient", allow_null=True)
    kint_before = RoundedField("coefficient", allow_null=True)
    kint_after = RoundedField("coefficient", allow_null=True)


class AgencyResultSerializer(FiguresSerializer):
    """productivity.results.AgencyResult."""

    agency = serializers.IntegerField(source="agency.pk", read_only=True)
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)


class ResultsSerializer(serializers.Serializer):
    """productivity.results.Results."""

    rows = AgencyResultSerializer(many=True, read_only=True)
    region = FiguresSerializer(read_only=True)
