"""REST API of the productivity app: three calculators and CRUD for workplaces and studies.

Bad input of any kind answers 400 {"detail", "errors": {field: [message]}}; nested fields are
named like `operations.0.cycle_times_s`.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import HasPortalRole
from core.exceptions import ApplicationError
from productivity import calc, selectors, services
from productivity.api import serializers as s
from productivity.models import Workplace
from productivity.permissions import can_use_calculators, recordable_agencies


class CanUseCalculators(BasePermission):
    """The calculators save nothing: every signed-in user with a role, the governor's office
    included, may post to them."""

    def has_permission(self, request, view):
        return can_use_calculators(request.user)


def _flatten(errors, prefix=""):
    flat = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
    elif isinstance(errors, list) and errors and not all(isinstance(e, str) for e in errors):
        for index, value in enumerate(errors):
            if value:
                flat.update(_flatten(value, f"{prefix}{index}."))
    else:
        messages = errors if isinstance(errors, list) else [errors]
        flat[prefix.rstrip(".")] = [str(message) for message in messages]
    return flat


def validated(serializer_class, data, **kwargs):
    serializer = serializer_class(data=data, **kwargs)
    if not serializer.is_valid():
        raise ApplicationError(
            _("Проверьте введённые данные."), details=_flatten(serializer.errors)
        )
    return serializer.validated_data


class GrowthView(APIView):
    """Productivity growth (11) with its factors (8)–(10) and in percent (7)."""

    permission_classes = [CanUseCalculators]

    @extend_schema(request=s.GrowthInputSerializer, responses=s.GrowthOutputSerializer)
    def post(self, request):
        data = validated(s.GrowthInputSerializer, request.data)
        growth = calc.productivity_growth(**data)
        return Response(
            {
                "cycle_factor": s.out(growth.cycle_factor, "coefficient"),
                "available_factor": s.out(growth.available_factor, "coefficient"),
                "quality_factor": s.out(growth.quality_factor, "coefficient"),
                "growth": s.out(growth.growth, "coefficient"),
                "growth_percent": s.out(growth.growth_percent, "percent"),
            }
        )


class PieceRateView(APIView):
    """The piece-rate card: Kвц, Kст, the norm (2) in minutes, P = n × Cчас × Kст, hourly
    output and hourly wage."""

    permission_classes = [CanUseCalculators]

    @extend_schema(request=s.PieceRateInputSerializer, responses=s.PieceRateOutputSerializer)
    def post(self, request):
        card = calc.piece_rate_card(**validated(s.PieceRateInputSerializer, request.data))
        return Response(
            {
                "kvc": s.out(card.kvc, "coefficient"),
                "kst": s.out(card.kst, "coefficient"),
                "norm_min": s.out(card.norm_minutes, "time"),
                "rate": s.out(card.rate, "money"),
                "output_per_hour": s.out(card.output_per_hour, "output"),
                "wage_per_hour": s.out(card.wage_per_hour, "money"),
            }
        )


class HeadcountView(APIView):
    """Takt time and the attendance headcount the lean way and the standards engineers' way."""

    permission_classes = [CanUseCalculators]

    @extend_schema(request=s.HeadcountInputSerializer, responses=s.HeadcountOutputSerializer)
    def post(self, request):
        data = validated(s.HeadcountInputSerializer, request.data)
        try:
            takt = calc.takt_time(
                available_time=calc.to_decimal(data["available_h"], "available_h")
                * calc.SECONDS_PER_HOUR,
                programme=data["programme"],
            )
        except calc.InvalidInput as error:
            raise calc.InvalidInput(
                "available_h" if error.field == "available_time" else error.field, error.message
            ) from None
        operations = [
            calc.Operation(
                cycle_time=operation["cycle_time_s"],
                workers_per_workplace=operation["workers_per_workplace"],
                parts_per_cycle=operation["parts_per_cycle"],
            )
            for operation in data["operations"]
        ]
        try:
            lean = calc.headcount_lean(cycle_times=[o.cycle_time for o in operations], takt=takt)
            standards = calc.headcount_standards(
                operations=operations,
                takt=takt,
                norm_fulfilment=data["norm_fulfilment"],
                shifts=data["shifts"],
            )
        except calc.InvalidInput as error:
            field = {"cycle_times": "operations"}.get(error.field, error.field)
            if field in ("workers_per_workplace", "parts_per_cycle"):
                field = f"operations.{field}"
            raise calc.InvalidInput(field, error.message) from None
        return Response(
            {
                "takt_s": s.out(takt, "time"),
                "headcount_lean": s.out(lean, "headcount"),
                "headcount_standards": s.out(standards, "headcount"),
            }
        )


class WorkplaceViewSet(viewsets.ModelViewSet):
    """Workplaces with their piece-rate settings (Cчас, base Kвц, worker's share, Kст mode)."""

    serializer_class = s.WorkplaceSerializer
    permission_classes = [HasPortalRole]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.workplace_list(user=self.request.user, filters=self.request.query_params)

    def _workplace_data(self, validated_data, instance=None):
        merged = (
            {
                name: getattr(instance, name)
                for name in (
                    "agency",
                    "name",
                    "hourly_rate",
                    "workers_per_workplace",
                    "kvc_base",
                    "worker_share",
                    "kst_mode",
                )
            }
            if instance
            else {}
        )
        merged.update(validated_data)
        return services.WorkplaceData(**merged)

    def create(self, request, *args, **kwargs):
        data = validated(s.WorkplaceSerializer, request.data)
        if not recordable_agencies(request.user).filter(pk=data["agency"].pk).exists():
            raise ApplicationError(
                _("Вы не можете вести исследования этого ОИВ ЯО / СППО."),
                details={"agency": _("Вы не можете вести исследования этого ОИВ ЯО / СППО.")},
            )
        workplace = services.workplace_create(actor=request.user, data=self._workplace_data(data))
        return Response(s.WorkplaceSerializer(workplace).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        workplace = self.get_object()
        data = validated(
            s.WorkplaceSerializer,
            request.data,
            instance=workplace,
            partial=kwargs.get("partial", False),
        )
        data.setdefault("agency", workplace.agency)
        workplace = services.workplace_update(
            actor=request.user, workplace=workplace, data=self._workplace_data(data, workplace)
        )
        return Response(s.WorkplaceSerializer(workplace).data)


class StudyViewSet(viewsets.ModelViewSet):
    """Timing studies with their measurements before and after the improvement and the growth
    (11). POST .../measurements/ records one phase."""

    serializer_class = s.StudySerializer
    permission_classes = [HasPortalRole]

    def get_queryset(self):
        if self.action == "list":
            return selectors.study_list(
                user=self.request.user, filters=self.request.query_params
            ).prefetch_related("measurements__operations")
        return selectors.study_list(user=self.request.user)

    def get_object(self):
        try:
            return selectors.study_detail(user=self.request.user, pk=self.kwargs["pk"])
        except (ObjectDoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def _workplace(self, pk):
        workplace = Workplace.objects.filter(
            pk=pk, agency__in=recordable_agencies(self.request.user)
        ).first()
        if workplace is None:
            raise ApplicationError(
                _("Выберите рабочее место своего ОИВ ЯО / СППО."),
                details={"workplace": _("Выберите рабочее место своего ОИВ ЯО / СППО.")},
            )
        return workplace

    @extend_schema(request=s.StudyWriteSerializer, responses=s.StudySerializer)
    def create(self, request, *args, **kwargs):
        data = validated(s.StudyWriteSerializer, request.data)
        if data.get("workplace") is None:
            raise ApplicationError(
                _("Выберите рабочее место."), details={"workplace": _("Выберите рабочее место.")}
            )
        study = services.study_create(
            actor=request.user,
            workplace=self._workplace(data["workplace"]),
            title=data["title"],
            improvement=data["improvement"],
            corrective_action=data["corrective_action"],
        )
        return Response(
            s.StudySerializer(self.get_queryset().get(pk=study.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.StudyWriteSerializer, responses=s.StudySerializer)
    def update(self, request, *args, **kwargs):
        study = self.get_object()
        data = validated(s.StudyWriteSerializer, request.data, partial=kwargs.get("partial", False))
        services.study_update(
            actor=request.user,
            study=study,
            title=data.get("title", study.title),
            improvement=data.get("improvement", study.improvement),
            corrective_action=data.get("corrective_action", study.corrective_action_id),
        )
        return Response(s.StudySerializer(self.get_object()).data)

    def destroy(self, request, *args, **kwargs):
        services.study_delete(actor=request.user, study=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.MeasurementInputSerializer, responses=s.StudySerializer)
    @action(detail=True, methods=["post"])
    def measurements(self, request, pk=None):
        study = self.get_object()
        data = dict(validated(s.MeasurementInputSerializer, request.data))
        improvement = data.pop("improvement")
        corrective_action = data.pop("corrective_action", services.UNCHANGED)
        data["operations"] = [services.OperationData(**op) for op in data["operations"]]
        services.measurement_record(
            actor=request.user,
            study=study,
            data=services.MeasurementData(**data),
            improvement=improvement,
            corrective_action=corrective_action,
        )
        return Response(s.StudySerializer(self.get_object()).data, status=status.HTTP_201_CREATED)
