import datetime
from decimal import Decimal

import factory

from audits.choices import AuditStatus, PlanStatus
from audits.models import Audit, ChecklistVersion, CorrectiveAction, CorrectiveActionPlan
from productivity import services
from productivity.choices import Phase
from productivity.models import Study, Workplace


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    agency = factory.SubFactory("tests.agencies.factories.AgencyFactory")
    name = factory.Sequence(lambda n: f"Рабочее место {n}")
    hourly_rate = Decimal(60)


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    workplace = factory.SubFactory(WorkplaceFactory)
    agency = factory.SelfAttribute("workplace.agency")
    title = factory.Sequence(lambda n: f"Исследование {n}")


# tests/audits has no factories module: the rows of a finalised audit's corrective-action plan
# (Appendix 30) are created directly, without the scoring that precedes them.


class ChecklistVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistVersion
        django_get_or_create = ["version"]

    version = "test"
    title = "Чек-лист (тестовая редакция)"


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audit

    agency = factory.SubFactory("tests.agencies.factories.AgencyFactory")
    checklist = factory.SubFactory(ChecklistVersionFactory)
    date = datetime.date(2026, 2, 16)
    status = AuditStatus.FINALISED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # One audit per agency and date (audits' unique constraint): a further audit of the
        # same agency takes the day before.
        while model_class.objects.filter(agency=kwargs["agency"], date=kwargs["date"]).exists():
            kwargs["date"] -= datetime.timedelta(days=1)
        return super()._create(model_class, *args, **kwargs)


class CorrectiveActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectiveActionPlan

    audit = factory.SubFactory(AuditFactory)
    # As audits.services.plan_approve leaves an approved plan (copy due in 3 working days).
    status = PlanStatus.APPROVED
    approved_on = datetime.date(2026, 2, 20)
    copy_due = datetime.date(2026, 2, 25)


class CorrectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectiveAction

    plan = factory.SubFactory(CorrectiveActionPlanFactory)
    step = 2
    number = factory.Sequence(lambda n: n + 1)
    criterion_code = "2.1"
    remark = "Инструмент хранится вне зоны досягаемости"
    cause = "Нет места у станка"
    action = "Перенести инструмент к рабочему месту"
    planned_date = datetime.date(2026, 3, 20)
    executor = "Мастер участка"


def measurement_data(
    phase=Phase.BEFORE, *, cycle=("48",), manual=("24",), available_h="7.5", **kwargs
):
    """The manual's piece-rate example as a measurement: an 8 h shift, Tолн 0.5 h, so Tдост
    идеал 7.5 h; losses bring Tдост факт down to `available_h`."""
    losses = Decimal("7.5") - Decimal(available_h)
    values = {
        "phase": phase,
        "measured_on": datetime.date(2026, 3, 2),
        "shift_h": Decimal(8),
        "rest_h": Decimal("0.5"),
        "preparatory_h": Decimal(0),
        "maintenance_h": Decimal(0),
        "losses_h": losses,
        "yield_percent": Decimal(100),
        "operations": [
            services.OperationData(
                name="Сборка", cycle_times_s=list(cycle), manual_times_s=list(manual)
            )
        ],
    }
    values.update(kwargs)
    return services.MeasurementData(**values)


def complete_study(actor, workplace, **kwargs):
    """A study measured before (Tц 48 s) and after (Tц 24 s) an improvement."""
    study = services.study_create(
        actor=actor, workplace=workplace, title=kwargs.get("title", "Сборка узла")
    )
    services.measurement_record(actor=actor, study=study, data=measurement_data(Phase.BEFORE))
    services.measurement_record(
        actor=actor,
        study=study,
        data=measurement_data(Phase.AFTER, cycle=("24",)),
        improvement="Инструмент перенесён в зону досягаемости",
    )
    study.refresh_from_db()
    return study
