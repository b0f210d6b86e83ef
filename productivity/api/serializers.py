"""Serializers of the productivity API: calculator inputs (checked by productivity.calc, which
names the failing field) and timing studies. Decimals go out as strings."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from audits.models import CorrectiveAction
from productivity import calc
from productivity.choices import KVC_BASE_CHOICES, KstMode, Phase
from productivity.models import Measurement, Operation, Study, Workplace


def number(**kwargs):
    return serializers.DecimalField(max_digits=None, decimal_places=None, **kwargs)


def numbers(**kwargs):
    return serializers.ListField(child=number(), allow_empty=False, **kwargs)


def out(value, kind):
    return None if value is None else str(calc.rounded(value, kind))


class GrowthInputSerializer(serializers.Serializer):
    """Formula (11) and its factors (8), (9), (10), in percent (7)."""

    cycle_before = numbers(help_text=_("Tц до улучшения по операциям, с"))
    cycle_after = numbers(help_text=_("Tц после улучшения по операциям, с"))
    available_before = number(help_text=_("Tдост до, ч"))
    available_after = number(help_text=_("Tдост после, ч"))
    yield_target = number(default=Decimal(100), help_text=_("ВГцель, %"))
    yield_actual = number(default=Decimal(100), help_text=_("ВГфакт, %"))


class GrowthOutputSerializer(serializers.Serializer):
    cycle_factor = serializers.CharField()
    available_factor = serializers.CharField()
    quality_factor = serializers.CharField()
    growth = serializers.CharField()
    growth_percent = serializers.CharField()


class PieceRateInputSerializer(serializers.Serializer):
    """P = n × Cчас × Kст with n by formula (2) and Kст by the table or the formula."""

    cycle_time_s = number()
    manual_time_s = number()
    shift_h = number()
    available_h = number()
    hourly_rate = number()
    kvc_base = number(default=calc.KVC_BASES[0])
    worker_share = number(default=calc.WORKER_SHARE_MIN)
    kst_mode = serializers.ChoiceField(choices=KstMode.choices, default=KstMode.TABLE)
    parts_per_cycle = number(default=Decimal(1))
    workers_per_workplace = number(default=Decimal(1))


class PieceRateOutputSerializer(serializers.Serializer):
    kvc = serializers.CharField()
    kst = serializers.CharField()
    norm_min = serializers.CharField()
    rate = serializers.CharField()
    output_per_hour = serializers.CharField()
    wage_per_hour = serializers.CharField()


class HeadcountOperationSerializer(serializers.Serializer):
    cycle_time_s = number()
    workers_per_workplace = number(default=Decimal(1))
    parts_per_cycle = number(default=Decimal(1))


class HeadcountInputSerializer(serializers.Serializer):
    """Tт = Tдост / ПП; Чопер = ΣTц / Tт; Чяв = Σ Tц / (Tт × Kвн) × Чр рм / Зн × Kсм."""

    available_h = number(help_text=_("Tдост, ч"))
    programme = number(help_text=_("производственная программа ПП, шт."))
    operations = HeadcountOperationSerializer(many=True, allow_empty=False)
    norm_fulfilment = number(default=Decimal(1), help_text=_("Kвн"))
    shifts = number(default=Decimal(1), help_text=_("Kсм"))


class HeadcountOutputSerializer(serializers.Serializer):
    takt_s = serializers.CharField()
    headcount_lean = serializers.CharField()
    headcount_standards = serializers.CharField()


# --- Studies ----------------------------------------------------------------------------------


class WorkplaceSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    kvc_base = serializers.ChoiceField(choices=[str(value) for value, _label in KVC_BASE_CHOICES])

    class Meta:
        model = Workplace
        fields = [
            "id",
            "agency",
            "agency_name",
            "name",
            "workers_per_workplace",
            "hourly_rate",
            "kvc_base",
            "worker_share",
            "kst_mode",
        ]


class OperationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Operation
        fields = [
            "position",
            "name",
            "parts_per_cycle",
            "cycle_times_s",
            "manual_times_s",
            "cycle_min_s",
            "cycle_avg_s",
            "manual_min_s",
            "manual_avg_s",
        ]


class MeasurementSerializer(serializers.ModelSerializer):
    operations = OperationSerializer(many=True, read_only=True)

    class Meta:
        model = Measurement
        fields = [
            "phase",
            "measured_on",
            "shift_h",
            "rest_h",
            "preparatory_h",
            "maintenance_h",
            "losses_h",
            "yield_percent",
            "available_ideal_h",
            "available_actual_h",
            "cycle_time_s",
            "manual_time_s",
            "kvc",
            "kint",
            "norm_s",
            "output_per_shift",
            "output_per_hour",
            "kst",
            "rate",
            "wage_per_hour",
            "operations",
        ]


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
            "title",
            "improvement",
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
        read_only_fields = [
            "agency",
            "corrective_action",
            "created_at",
            "cycle_factor",
            "available_factor",
            "quality_factor",
            "growth",
            "growth_percent",
        ]


class StudyWriteSerializer(serializers.Serializer):
    workplace = serializers.IntegerField(required=False)
    title = serializers.CharField(max_length=300)
    improvement = serializers.CharField(required=False, allow_blank=True, default="")
    corrective_action = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Id корректирующего мероприятия утверждённого плана ОИВ ЯО / СППО рабочего места; "
            "null — нет."
        ),
    )


class OperationInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    parts_per_cycle = serializers.IntegerField(min_value=1, default=1)
    cycle_times_s = numbers()
    manual_times_s = numbers()


class MeasurementInputSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)
    measured_on = serializers.DateField(required=False, allow_null=True, default=None)
    shift_h = number()
    rest_h = number(default=Decimal(0))
    preparatory_h = number(default=Decimal(0))
    maintenance_h = number(default=Decimal(0))
    losses_h = number(default=Decimal(0))
    yield_percent = number(default=Decimal(100))
    operations = OperationInputSerializer(many=True, allow_empty=False)
    improvement = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default=None
    )
    corrective_action = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_(
            "Id корректирующего мероприятия утверждённого плана ОИВ ЯО / СППО исследования; "
            "null снимает связь; без поля связь не меняется."
        ),
    )
