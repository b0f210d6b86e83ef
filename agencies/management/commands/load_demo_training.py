"""Training and improvement proposals for the demo region (run after load_demo).

For the agency of the demo leader (`leader`): this year's training programme from
fixtures/demo/training.json, approved on the head's behalf, two sessions held (one on a topic of
the programme, one outside it) and two proposals (one at the analysis, one standardised).
Everything goes through the services, so the rules hold. Idempotent: an agency that already
has this year's programme is left alone.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from agencies.models import Person, TrainingProgramme
from agencies.proposals import services as proposal_services
from agencies.training import services as training_services
from core import calendar
from core.demo import DemoDataCommand

FIXTURE = settings.BASE_DIR / "fixtures" / "demo" / "training.json"


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's training programme, sessions and proposals (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        admin = users.filter(is_superuser=True).order_by("pk").first()
        leader = users.filter(username="leader").first()
        if admin is None or leader is None or not hasattr(leader, "person"):
            raise CommandError("Load the demo region first: manage.py load_demo")
        agency = leader.person.agency
        today = calendar.today()
        if TrainingProgramme.objects.filter(agency=agency, year=today.year).exists():
            return
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        programme = training_services.programme_create(
            actor=admin,
            agency=agency,
            year=today.year,
            topics=[
                training_services.TopicRow(
                    title=topic["title"],
                    target_group=topic["target_group"],
                    planned_on=datetime.date(today.year, topic["month"], 15),
                )
                for topic in data["topics"]
            ],
        )
        approved_on = min(today, datetime.date(today.year, 1, 20))
        training_services.programme_approve(
            actor=admin, programme=programme, approved_on=approved_on
        )
        people = list(Person.objects.filter(agency=agency).order_by("pk"))
        for spec in data["sessions"]:
            day = max(today - datetime.timedelta(days=spec["days_ago"]), approved_on)
            topic = data["topics"][spec["topic_index"]]["title"] if "topic_index" in spec else ""
            training_services.session_record(
                actor=admin,
                data=training_services.SessionInput(
                    agency=agency,
                    date=day,
                    topic=topic or spec["topic"],
                    duration_hours=Decimal(spec["duration_hours"]),
                    attendees=people[-spec["attendees"] :],
                    trainer=spec["trainer"],
                    target_group=spec.get("target_group"),
                ),
            )
        for spec in data["proposals"]:
            proposal = proposal_services.proposal_submit(
                actor=admin,
                agency=agency,
                what=spec["what"],
                where=spec["where"],
                problem=spec["problem"],
            )
            proposal_services.proposal_advance(actor=admin, proposal=proposal)
            proposal_services.proposal_update(
                actor=admin,
                proposal=proposal,
                data={"root_cause": spec["root_cause"]},
                whys=[tuple(row) for row in spec["whys"]],
            )
            if spec["advance_to"] == "analyse":
                continue
            proposal_services.proposal_advance(actor=admin, proposal=proposal)
            proposal_services.proposal_update(
                actor=admin, proposal=proposal, data={"options": spec["options"]}
            )
            proposal_services.proposal_advance(actor=admin, proposal=proposal)
            proposal_services.proposal_update(
                actor=admin,
                proposal=proposal,
                data={"decision": spec["decision"], "accepted": True},
            )
            proposal_services.proposal_advance(actor=admin, proposal=proposal)
            proposal_services.proposal_update(
                actor=admin,
                proposal=proposal,
                data={
                    "outcome_kind": spec["outcome_kind"],
                    "outcome_reference": spec["outcome_reference"],
                },
            )
            proposal_services.proposal_advance(actor=admin, proposal=proposal)
