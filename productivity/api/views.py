"""REST API of the productivity app: three calculators and CRUD for workplaces and studies.

Bad input of any kind answers 400 {"detail", "errors": {field: [message]}}; nested fields are
named like `operations.0.cycle_times_s`.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.filters import SelectorListMixin
from core.api.permissions import HasPortalRole
from core.exceptions import ApplicationError
from productivity import calc, inputs, selectors, services
from productivity.api import serializers as s
from productivity.filters import StudyFilter, WorkplaceFilter
from productivity.models import Workplace
from productivity.permissions import (
    can_record,
    can_record_anywhere,
    can_use_calculators,
    recordable_agencies,
)


class RecordsStudies(BasePermission):
    """Writing workplaces and studies needs the right to record (productivity.permissions):
    for some agency to create, for the record's agency to change it. Checked before the body is
    read, so a user without the right gets 403 whatever they send; the services check again."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or can_record_anywhere(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or can_record(request.user, obj.agency_id)


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
        growth = calc.productivity_growth(**validated(s.GrowthInputSerializer, request.data))
        return Response(s.GrowthOutputSerializer(growth).data)


class PieceRateView(APIView):
    """The piece-rate card: Kвц, Kст, the norm (2) in minutes, P = n × Cчас × Kст, hourly
    output and hourly wage."""

    permission_classes = [CanUseCalculators]

    @extend_schema(request=s.PieceRateInputSerializer, responses=s.PieceRateOutputSerializer)
    def post(self, request):
        card = calc.piece_rate_card(**validated(s.PieceRateInputSerializer, request.data))
        return Response(s.PieceRateOutputSerializer(card).data)


class HeadcountView(APIView):
    """Takt time and the attendance headcount the lean way and the standards engineers' way."""

    permission_classes = [CanUseCalculators]

    @extend_schema(request=s.HeadcountInputSerializer, responses=s.HeadcountOutputSerializer)
    def post(self, request):
        data = validated(s.HeadcountInputSerializer, request.data)
        result = calc.headcount(
            available_h=data["available_h"],
            programme=data["programme"],
            operations=[
                calc.Operation(
                    cycle_time=operation["cycle_time_s"],
                    workers_per_workplace=operation["workers_per_workplace"],
                    parts_per_cycle=operation["parts_per_cycle"],
                )
                for operation in data["operations"]
            ],
            norm_fulfilment=data["norm_fulfilment"],
            shifts=data["shifts"],
        )
        return Response(s.HeadcountOutputSerializer(result).data)


class ResultsView(APIView):
    """The results of the timing studies per agency and for the region (or the user's part of
    it), as on the results page."""

    permission_classes = [HasPortalRole]

    @extend_schema(responses=s.ResultsSerializer)
    def get(self, request):
        return Response(s.ResultsSerializer(selectors.results(user=request.user)).data)


WORKPLACE_WRITE = extend_schema(request=s.WorkplaceInputSerializer, responses=s.WorkplaceSerializer)


@extend_schema_view(create=WORKPLACE_WRITE, update=WORKPLACE_WRITE, partial_update=WORKPLACE_WRITE)
class WorkplaceViewSet(SelectorListMixin, viewsets.ModelViewSet):
    """Workplaces with their piece-rate settings (Cчас, base Kвц, worker's share, Kст mode)."""

    serializer_class = s.WorkplaceSerializer
    permission_classes = [HasPortalRole, RecordsStudies]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    filterset_class = WorkplaceFilter
    selector = staticmethod(selectors.workplace_list)

    def create(self, request, *args, **kwargs):
        data = validated(s.WorkplaceInputSerializer, request.data)
        if not recordable_agencies(request.user).filter(pk=data["agency"].pk).exists():
            raise ApplicationError(
                _("Вы не можете вести исследования этого ОИВ ЯО / СППО."),
                details={"agency": _("Вы не можете вести исследования этого ОИВ ЯО / СППО.")},
            )
        workplace = services.workplace_create(
            actor=request.user, data=services.WorkplaceData(**data)
        )
        return Response(s.WorkplaceSerializer(workplace).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        workplace = self.get_object()
        data = validated(
            s.WorkplaceInputSerializer, request.data, partial=kwargs.get("partial", False)
        )
        current = {"agency": workplace.agency, **inputs.initial(inputs.WorkplaceData, workplace)}
        workplace = services.workplace_update(
            actor=request.user,
            workplace=workplace,
            data=services.WorkplaceData(**{**current, **data}),
        )
        return Response(s.WorkplaceSerializer(workplace).data)


@extend_schema_view(
    partial_update=extend_schema(request=s.StudyWriteSerializer, responses=s.StudySerializer)
)
class StudyViewSet(SelectorListMixin, viewsets.ModelViewSet):
    """Timing studies with their measurements before and after the improvement and the growth
    (11). POST .../measurements/ records one phase."""

    serializer_class = s.StudySerializer
    permission_classes = [HasPortalRole, RecordsStudies]
    filterset_class = StudyFilter
    selector = staticmethod(selectors.study_list)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset.prefetch_related("measurements__operations")
        return queryset

    def get_object(self):
        try:
            study = selectors.study_detail(user=self.request.user, pk=self.kwargs["pk"])
        except (ObjectDoesNotExist, ValueError) as exc:
            raise Http404 from exc
        self.check_object_permissions(self.request, study)
        return study

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

    @extend_schema(request=s.MeasurementInputSerializer, responses={201: s.StudySerializer})
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
