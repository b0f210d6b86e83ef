"""What training puts on the home pages (§9.2): the head sees a programme awaiting approval;
the team and the HR employee see the topics due by the schedule with no session yet."""

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import FiveSTeam
from agencies.people import headed_agency_ids, person_of
from agencies.training.choices import TOPIC_REMINDER_WORKING_DAYS, ProgrammeStatus
from agencies.training.models import ProgrammeTopic, TrainingProgramme
from core import calendar
from core.registry import HomePanel


def panels(user):
    person = person_of(user)
    if person is None:
        return []
    today = calendar.today()
    items = []
    headed = headed_agency_ids(user)
    for programme in TrainingProgramme.objects.filter(
        agency__in=headed, status=ProgrammeStatus.DRAFT
    ).select_related("agency"):
        items.append(
            {
                "text": _("Утвердить программу обучения на %(year)s год: %(agency)s")
                % {"year": programme.year, "agency": programme.agency.short_name},
                "url": programme.get_absolute_url(),
            }
        )
    team_agencies = FiveSTeam.objects.filter(memberships__person=person).values("agencies")
    horizon = calendar.add_working_days(today, TOPIC_REMINDER_WORKING_DAYS)
    due = (
        ProgrammeTopic.objects.filter(
            programme__status=ProgrammeStatus.APPROVED,
            planned_on__lte=horizon,
            planned_on__year=today.year,
            sessions__isnull=True,
        )
        .filter(programme__agency__in=team_agencies)
        .select_related("programme")
        .order_by("planned_on")
    )
    hr_due = ProgrammeTopic.objects.filter(
        programme__status=ProgrammeStatus.APPROVED,
        programme__hr_person=person,
        planned_on__lte=horizon,
        planned_on__year=today.year,
        sessions__isnull=True,
    ).select_related("programme")
    seen = set()
    for topic in [*due, *hr_due]:
        if topic.pk in seen:
            continue
        seen.add(topic.pk)
        items.append(
            {
                "text": _("Занятие по графику: %(topic)s") % {"topic": topic.title},
                "url": reverse("agencies:training-agency", args=[topic.programme.agency_id]),
                "due": topic.planned_on,
                "overdue": topic.planned_on < today,
            }
        )
    if not items:
        return []
    return [
        HomePanel(
            title=_("Обучение"),
            url=reverse("agencies:training-agency", args=[person.agency_id]),
            items=items,
            order=45,
        )
    ]
