"""Every record kind an app registers for the evidence map (core.evidence) answers for one
record of its agency: a title, a date where the record has one, a link inside the portal, and
the agency's count; another agency's record is not counted; one query per kind."""

import datetime
import itertools

import pytest
from django.apps import apps
from django.db import models

from agencies.models import Room
from core import evidence

DAY = datetime.date(2026, 3, 2)

# The model behind each registered kind, and the values a row needs beyond the generic ones.
KIND_MODELS = {
    "sorting.red_tag": ("sorting.RedTag", {"marked_on": DAY}),
    "sorting.sorting_list": ("sorting.SortingList", {"kind": "unneeded"}),
    "sorting.sorting_round": ("sorting.SortingRound", {"date_from": DAY}),
    "sorting.storage_admission": ("sorting.StorageAdmission", {"admitted_on": DAY}),
    "sorting.storage_check": ("sorting.StorageCheck", {"checked_on": DAY}),
    "audits.internal_audit": ("audits.InternalAudit", {"conducted_on": DAY}),
    "audits.photo": ("audits.Photo", {"taken_on": DAY}),
    "audits.action_plan": ("audits.CorrectiveActionPlan", {}),
    "audits.corrective_action": ("audits.CorrectiveAction", {"planned_date": DAY}),
    "audits.external_audit": ("audits.Audit", {"status": "finalised", "date": DAY}),
    "audits.step_closure": ("audits.StepClosure", {"closed_on": DAY, "step": 1}),
    "audits.it_standard": ("audits.ITStandardRecord", {"month": DAY.replace(day=1)}),
    "agencies.deployment_plan": ("agencies.DeploymentPlan", {"starts_on": DAY, "year": 2026}),
    "agencies.deployment_order": ("agencies.DeploymentOrder", {"date": DAY}),
    "agencies.training_programme": ("agencies.TrainingProgramme", {"approved_on": DAY}),
    "agencies.training_session": ("agencies.TrainingSession", {"date": DAY}),
    "agencies.walk_round": ("agencies.WalkRound", {"date": DAY}),
    "agencies.proposal": ("agencies.Proposal", {"submitted_on": DAY}),
    "standards.standard": ("standards.Standard", {"review_due": DAY}),
    "standards.daily_checklist": ("standards.DailyChecklist", {"approved_on": DAY}),
    "standards.stock_place": ("standards.StockPlace", {}),
    "standards.stock_count": ("standards.StockCount", {"counted_on": DAY}),
    "standards.order_request": ("standards.OrderRequest", {"requested_on": DAY}),
    "standards.visual_control": ("standards.VisualControlList", {"compiled_on": DAY}),
    "standards.error_proofing": ("standards.ErrorProofing", {}),
    "standards.emergency_procedure": ("standards.EmergencyProcedure", {"approved_on": DAY}),
    "standards.placement_scheme": ("standards.PlacementScheme", {"approved_on": DAY}),
    "standards.placement_schedule": ("standards.PlacementSchedule", {"drawn_up_on": DAY}),
    "standards.hard_to_clean_analysis": (
        "standards.CleaningAnalysis",
        {"kind": "hard_places", "date": DAY},
    ),
    "standards.cleaning_analysis": (
        "standards.CleaningAnalysis",
        {"kind": "cleaning_places", "date": DAY},
    ),
    "standards.cleaning_plan": ("standards.CleaningPlan", {}),
    "standards.cleaning_schedule": (
        "standards.CleaningSchedule",
        {"period_start": DAY, "period_end": DAY + datetime.timedelta(days=92)},
    ),
    "agencies.indicator_sheet": ("agencies.IndicatorSheet", {"date": DAY}),
    "agencies.board_update": ("agencies.BoardUpdate", {"date": DAY}),
}


class RowMaker:
    """Saves a row with every required field filled (no full_clean: the providers read rows,
    the rules of writing them are each app's own tests)."""

    def __init__(self, agency, user, person):
        self.agency, self.user, self.person = agency, user, person
        self.counter = 0

    UNIQUE = itertools.count(1)  # across makers: unique texts for unique constraints

    def value(self, field):
        self.counter = next(self.UNIQUE)
        if field.choices:
            return field.choices[0][0]
        if isinstance(field, models.DateTimeField):
            return datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
        if isinstance(field, models.DateField):
            return DAY
        if isinstance(field, models.TimeField):
            return datetime.time(9, 0)
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.DecimalField | models.IntegerField):
            return 1
        if isinstance(field, models.JSONField):
            return []
        if isinstance(field, models.FileField):
            return f"evidence/{self.counter}.jpg"
        return f"x{self.counter}"[: field.max_length or 100]

    def related(self, model):
        label = model._meta.label
        if label == "agencies.Agency":
            return self.agency
        if label == "agencies.Person":
            return self.person
        if model is apps.get_model("auth", "User") or label.endswith(".User"):
            return self.user
        if label == "agencies.Room":
            return Room.objects.create(agency=self.agency, name=f"Кабинет {next(self.UNIQUE)}")
        return self.make(label)

    def make(self, label, **values):
        model = apps.get_model(label)
        for field in model._meta.concrete_fields:
            if field.name in values or field.attname in values or field.primary_key:
                continue
            if field.null or field.has_default() or getattr(field, "auto_now", False):
                continue
            if getattr(field, "auto_now_add", False):
                continue
            if field.is_relation:
                values[field.name] = self.related(field.related_model)
            else:
                values[field.name] = self.value(field)
        return model.objects.create(**values)


@pytest.mark.parametrize("key", sorted(KIND_MODELS))
def test_a_registered_kind_answers_for_one_record_of_the_agency(
    key, agency_a, agency_b, team_leader_a, team_leader_b, django_assert_num_queries
):
    label, values = KIND_MODELS[key]
    RowMaker(agency_a, team_leader_a, team_leader_a.person).make(label, **values)
    RowMaker(agency_b, team_leader_b, team_leader_b.person).make(label, **values)
    provider = evidence.registered_kinds()[key].provider
    with django_assert_num_queries(1):
        records = list(provider([agency_a.pk]))
    (record,) = records
    assert record.agency_id == agency_a.pk and record.total == 1
    assert record.title.strip()
    assert record.url.startswith("/")
    # Error-proofing keeps no date; a stock place is dated by its latest count (none here).
    if key not in {"standards.error_proofing", "standards.stock_place"}:
        assert isinstance(record.date, datetime.date)
        # Bounded by a day: the record counts on its own day, not on the day before it.
        with django_assert_num_queries(1):
            assert len(list(provider([agency_a.pk], until=record.date))) == 1
        day_before = record.date - datetime.timedelta(days=1)
        assert list(provider([agency_a.pk], until=day_before)) == []
    else:  # undated: it cannot be placed in time and always counts
        assert len(list(provider([agency_a.pk], until=datetime.date(2000, 1, 1)))) == 1


def test_every_registered_kind_is_exercised_here():
    assert set(KIND_MODELS) == set(evidence.registered_kinds())
