"""The reminders of training, sent through `core.notifications` (kind registered in
`AgenciesConfig.ready()`).

- `agencies.training_topic_due`: a topic of the approved programme is due by its date in the
  schedule (L1381 «график обучения») and no session has been held on it: the team leader and
  the programme's HR employee are told a few working days before the date, or once it has
  passed. The subject is the topic, so each is told once per topic and date.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.training.models import ProgrammeTopic
from core import calendar
from core.models import Notice
from core.notifications import NoticeText

TOPIC_DUE = "agencies.training_topic_due"
TOPIC_DUE_LABEL = gettext_lazy("Напоминание о занятии по графику обучения")


def render_topic_due(notice: Notice) -> NoticeText:
    topic = notice.subject
    assert isinstance(topic, ProgrammeTopic) and notice.due_on is not None
    programme = topic.programme
    state = _("просрочено") if notice.due_on < calendar.today() else _("предстоит")
    return NoticeText(
        subject=_("Занятие по теме «%(topic)s»: %(state)s, срок %(due)s")
        % {"topic": topic.title, "state": state, "due": notice.due_on.strftime("%d.%m.%Y")},
        body=_(
            "По графику программы обучения %(agency)s на %(year)s год занятие по теме "
            "«%(topic)s» должно быть проведено не позднее %(due)s (пункт 9.2 Методических "
            "рекомендаций). После занятия внесите его на портал: дату, преподавателя, "
            "длительность и обучающихся (не более 7 человек)."
        )
        % {
            "agency": programme.agency.short_name,
            "year": programme.year,
            "topic": topic.title,
            "due": notice.due_on.strftime("%d.%m.%Y"),
        },
        url=reverse("agencies:training-agency", args=[programme.agency_id]),
    )
