"""A realistic audit history for the demo region (run after load_demo and load_checklist).

For most agencies that have completed at least one step: several signed external audits over
the past months (3–4 auditors of the demo working group, scores on the completed steps, a few
divergent criteria settled by collegial decision), corrective-action plans for the two demo
agencies with accounts, an upcoming audit where the demo `auditor` has a draft to fill in, a
held audit with an undecided divergence for `wg_head` to resolve and sign, and internal audits
with a photo report for the «Департамент образования».

Everything goes through the services, so the demo obeys the same rules as the portal. E-mails
are not sent (the dummy backend); their notification rows are stamped as if they were.
Idempotent: when audits already exist nothing is added.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from PIL import Image, ImageDraw
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency
from agencies.selectors import working_group_current
from audits import services
from audits.choices import DIVERGENCE_LIMIT
from audits.closure.models import StepClosure
from audits.models import Audit, ChecklistVersion, Criterion, FinalScoreSheet, ITStandardRecord
from core import calendar
from core.demo import DemoDataCommand
from core.periods import month_start

REMARKS = {
    1: [
        "В зоне временного хранения не промаркированы «красными ярлыками» коробки с бумагой.",
        "На шкафах в кабинете 214 — папки без владельца.",
        "Список «ненужных срочно» предметов не обновлялся больше месяца.",
    ],
    2: [
        "Не обозначены места хранения канцелярских принадлежностей.",
        "Нет маркировки полок в архиве.",
        "Схема рационального размещения не согласована с сотрудниками отдела.",
    ],
    3: [
        "Не назначены ответственные за уборку зон общего пользования.",
        "Пыль на верхних полках шкафов.",
        "График уборки не размещён на информационном стенде.",
    ],
    4: [
        "5S-стандарт рабочего места не утверждён для двух отделов.",
        "Визуальные инструкции к копировальному аппарату отсутствуют.",
    ],
    5: [
        "Предложения сотрудников по улучшению не рассматриваются на совещаниях.",
        "Нет плана обучения новых сотрудников по системе 5S.",
    ],
}
# The sorting demo names offices by number: one office is one room.
ROOMS = ["101", "104", "215", "Архив", "Холл 2-го этажа"]


def _it_standard_records(today):
    """The IT department's monthly record for criterion 4.3 (§8.4, L1337) of every agency for
    every month of the demo's history up to the last one; the current month is the department's
    to report (its home panel lists the agencies still missing). A generator of its own keeps
    the rest of the demo as it was."""
    rng = random.Random(1337)
    it_user = get_user_model().objects.filter(username="it_dept").first()
    months, month = [], month_start(today - datetime.timedelta(days=400))
    while month < month_start(today):
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    records = []
    for agency in Agency.objects.order_by("pk"):
        workplaces = rng.randint(12, 80)
        for month in months:
            noncompliant = rng.choice([0, 0, 0, 1, 2, workplaces // 10, workplaces // 4])
            records.append(
                ITStandardRecord(
                    agency=agency,
                    month=month,
                    workplaces=workplaces,
                    compliant=workplaces - noncompliant,
                    entered_by=it_user,
                )
            )
    bulk_create_with_history(records, ITStandardRecord, default_user=it_user)


def _working_day_on_or_before(day):
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


class Command(DemoDataCommand):  # refuses under production settings (core.demo)
    help = "Create the demo region's audit history (idempotent; after load_demo, load_checklist)."

    def handle(self, *args, **options):
        if Audit.objects.exists():
            self.stdout.write("Audits are already in place; nothing added.")
            return
        if not ChecklistVersion.objects.exists():
            raise CommandError("Load the checklist first: manage.py load_checklist")
        group = working_group_current()
        if group is None:
            raise CommandError("Load the demo region first: manage.py load_demo")
        dummy = "django.core.mail.backends.dummy.EmailBackend"
        with override_settings(EMAIL_BACKEND=dummy), transaction.atomic():
            self._load(group)
        self.stdout.write(self.style.SUCCESS(f"Demo audits: {Audit.objects.count()} audits."))

    def _load(self, group):
        User = get_user_model()
        self.rng = random.Random(414)
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        self.head = User.objects.get(username="wg_head")
        self.users = {
            u.person.pk: u
            for u in User.objects.filter(person__isnull=False).select_related("person")
        }
        members = [
            m.person
            for m in group.memberships.select_related("person").order_by("person_id")
            if m.person_id != group.head_id
        ]
        self.demo_auditors = members[:3]  # the accounts auditor, auditor2, auditor3
        self.members = members
        self.today = calendar.today()
        self.criteria = list(
            Criterion.objects.filter(version=ChecklistVersion.objects.order_by("-version").first())
        )

        _it_standard_records(self.today)
        agencies = list(Agency.objects.filter(steps_completed__gte=1).order_by("pk"))
        # The demo's completed steps, as the data migration records typed ones (§4.6, L501):
        # closures without a diagnosis or document, so the step-closure pages agree.
        StepClosure.objects.bulk_create(
            StepClosure(agency=agency, step=step, recorded=True)
            for agency in agencies
            for step in range(1, agency.steps_completed + 1)
        )
        education = next((a for a in agencies if a.short_name == "Департамент образования"), None)
        finance = next((a for a in agencies if a.short_name == "Департамент финансов"), None)
        for index, agency in enumerate(agencies):
            if index % 6 == 5 and agency not in (education, finance):
                continue  # a few agencies have not been audited yet: they show as overdue
            self._history(agency)
        if education is not None:
            self._plan(education, "leader", approve=True)
            _internal_audits(education)
        if finance is not None:
            self._plan(finance, "leader2", approve=False)
        self._upcoming(agencies)
        self._to_finalise(agencies)

    # --- external audits -------------------------------------------------------------------------

    def _team(self, size):
        others = [m for m in self.members if m not in self.demo_auditors]
        team = self.rng.sample(self.demo_auditors, 2) + self.rng.sample(others, size - 2)
        return team

    def _history(self, agency):
        functioning = agency.deployment_state == "functioning"
        count = 2 if functioning else 3
        step_days = 91 if functioning else 30
        quality = self.rng.uniform(2.6, 4.4)
        for back in range(count, 0, -1):
            date = _working_day_on_or_before(
                self.today - datetime.timedelta(days=step_days * back - 9)
            )
            steps = max(1, agency.steps_completed - (back - 1) if not functioning else 5)
            audit = self._audit(
                agency, date, list(range(1, steps + 1)), self._team(self.rng.choice([3, 3, 4]))
            )
            self._score(audit, quality + 0.25 * (count - back), divergent=self.rng.random() < 0.5)
            self._decide(audit)
            self._sign(audit)

    def _audit(self, agency, date, steps, team):
        return services.audit_plan(
            actor=self.head,
            agency=agency,
            date=date,
            auditors=team,
            completed_steps=steps,
            today=date - datetime.timedelta(days=10),
        )

    def _actor(self, person):
        return self.users.get(person.pk, self.admin)

    def _score(self, audit, quality, *, divergent, submit=True, skip=()):
        sheets = list(audit.sheets.select_related("auditor").order_by("auditor_id"))
        codes = sorted(services.applicable_codes(audit, self.criteria))
        # 4.3 is scored from the IT department's record, not by the auditors (L1337); a score
        # is still drawn for it (and dropped) so that every other demo score stays as it was
        # before the portal took that record.
        drawn_only = {
            c.code
            for c in self.criteria
            if c.external_data and c.step_number in audit.completed_steps
        }
        codes = sorted(set(codes) | drawn_only)
        spread = (
            set(self.rng.sample(codes, k=min(len(codes), self.rng.choice([1, 2]))))
            if divergent
            else set()
        )
        for position, sheet in enumerate(sheets):
            if sheet.auditor in skip:
                continue
            scores, notes = {}, {}
            for code in codes:
                base = quality + self.rng.choice([-0.6, 0, 0, 0.4])
                score = max(1, min(5, round(base)))
                if code in spread:
                    score = max(
                        1, min(5, round(quality) + (-1 - DIVERGENCE_LIMIT if position == 0 else 1))
                    )
                scores[code] = score
                if score <= 3 and self.rng.random() < 0.35:
                    notes[code] = self.rng.choice(REMARKS[int(code.split(".")[0])])
            for code in drawn_only:
                scores.pop(code, None)
                notes.pop(code, None)
            actor = self._actor(sheet.auditor)
            services.sheet_save(actor=actor, sheet=sheet, scores=scores, notes=notes)
            if submit:
                services.sheet_submit(actor=actor, sheet=sheet)

    def _decide(self, audit):
        from audits.selectors import final_sheet_data

        data = final_sheet_data(audit)
        for code in data.undecided:
            row = data.criteria[code]
            values = sorted(v for v in row.scores.values() if v is not None)
            median = values[len(values) // 2]
            votes = dict.fromkeys(row.scores, median)
            votes[self.head.person.pk] = median
            services.decision_record(actor=self.head, audit=audit, criterion_code=code, votes=votes)

    def _sign(self, audit):
        signed_on = calendar.add_working_days(audit.date, self.rng.choice([1, 2, 3]))
        services.final_sheet_finalise(actor=self.head, audit=audit, today=signed_on)
        FinalScoreSheet.objects.filter(audit=audit).update(copy_sent_at=_aware(signed_on))

    # --- plans, the upcoming audit, the audit to finalise ----------------------------------

    def _plan(self, agency, username, *, approve):
        User = get_user_model()
        audit = agency.audits.filter(status="finalised").order_by("-date").first()
        leader = User.objects.filter(username=username).first()
        if audit is None or leader is None:
            return
        plan = services.plan_create(actor=leader, audit=audit)
        rows = []
        for index, action in enumerate(plan.actions.all()):
            rows.append(
                {
                    "id": action.pk,
                    "cause": "Не определён ответственный за поддержание порядка.",
                    "action": "Назначить ответственного, обозначить места хранения, "
                    "провести обход.",
                    "planned_date": calendar.add_working_days(audit.date, 10 + 5 * index),
                    "executor": agency.people.order_by("pk")[2 + index % 4].full_name,
                }
            )
        if not rows:
            rows.append(
                {
                    "id": None,
                    "step": 1,
                    "remark": "Профилактика: проверить зону временного хранения.",
                    "cause": "Плановая проверка.",
                    "action": "Провести обход зоны временного хранения.",
                    "planned_date": calendar.add_working_days(audit.date, 10),
                    "executor": agency.people.order_by("pk")[2].full_name,
                }
            )
        services.plan_save(actor=leader, plan=plan, rows=rows)
        if approve:
            approved_on = calendar.add_working_days(audit.date, 6)
            services.plan_approve(actor=self.admin, plan=plan, approved_on=approved_on)
            first = plan.actions.order_by("step", "number").first()
            if first and first.planned_date <= self.today:
                services.plan_save(
                    actor=leader,
                    plan=plan,
                    rows=[{"id": first.pk, "actual_date": first.planned_date}],
                )

    def _upcoming(self, agencies):
        """The demo auditor's draft to fill in: an audit three working days ahead."""
        agency = next(a for a in agencies if a.short_name == "Департамент образования")
        date = calendar.add_working_days(self.today, 3)
        audit = services.audit_plan(
            actor=self.head,
            agency=agency,
            date=date,
            auditors=[*self.demo_auditors, self.members[3]],
            completed_steps=list(range(1, agency.steps_completed + 1)),
            today=self.today,
        )
        # and the next ones of the plan: agencies not yet audited, in the coming weeks
        waiting = [a for a in agencies if not a.audits.exists()][:2]
        for weeks, agency in enumerate(waiting, start=1):
            services.audit_plan(
                actor=self.head,
                agency=agency,
                date=calendar.add_working_days(self.today, 5 * weeks + 2),
                auditors=[self.demo_auditors[1], self.demo_auditors[2], *self.members[4:6]],
                today=self.today,
            )
        second = audit.sheets.get(auditor=self.demo_auditors[1])
        services.sheet_save(
            actor=self._actor(self.demo_auditors[1]),
            sheet=second,
            scores={"1.1": 4, "1.2": 5},
            notes={},
        )

    def _to_finalise(self, agencies):
        """A held audit with every sheet in and one undecided divergence, for wg_head."""
        agency = next(a for a in agencies if a.short_name == "Департамент финансов")
        date = _working_day_on_or_before(self.today - datetime.timedelta(days=2))
        audit = self._audit(
            agency, date, list(range(1, agency.steps_completed + 1)), self.demo_auditors
        )
        self._score(audit, 3.6, divergent=True)


def _aware(day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


# --- internal audits and photos -----------------------------------------------------------------


def _photo_bytes(color, label):
    image = Image.new("RGB", (960, 640), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([60, 60, 900, 580], outline="white", width=8)
    draw.text((90, 90), label, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _internal_audits(agency):
    User = get_user_model()
    leader = User.objects.filter(username="leader").first()
    if leader is None:
        return
    rooms = [
        services.internal_audit_room_add(actor=leader, agency=agency, name=name) for name in ROOMS
    ]
    today = calendar.today()
    for back in range(4, 0, -1):
        month = (today.replace(day=1) - datetime.timedelta(days=30 * back)).replace(day=12)
        conducted = _working_day_on_or_before(month)
        scores = {}
        for offset, room in enumerate(rooms):
            for step in (1, 2, 3, 4):
                lift = (4 - back) // 2 + (offset + step) % 2 + (offset * 3 + back + step) % 4 // 3
                scores[(room.pk, step)] = max(1, min(5, 2 + lift - (offset == 1 and back > 2)))
        services.internal_audit_save(
            actor=leader, agency=agency, conducted_on=conducted, scores=scores
        )
    name = leader.person.full_name
    before = services.photo_upload(
        actor=leader,
        agency=agency,
        upload=SimpleUploadedFile("before.jpg", _photo_bytes("#8c1d18", "Kab. 215: before")),
        taken_on=calendar.add_working_days(today, -60),
        place="Кабинет 215",
        subject="Шкаф с документами",
        problem="Папки без маркировки, посторонние предметы на полках",
        photographer=name,
        room=rooms[2],
    )
    services.photo_upload(
        actor=leader,
        agency=agency,
        upload=SimpleUploadedFile("after.jpg", _photo_bytes("#1a7f37", "Kab. 215: after")),
        taken_on=calendar.add_working_days(today, -5),
        place="Кабинет 215",
        subject="Шкаф с документами (повторная съёмка)",
        problem="",
        photographer=name,
        room=rooms[2],
        before=before,
    )
    services.photo_upload(
        actor=leader,
        agency=agency,
        upload=SimpleUploadedFile("hall.jpg", _photo_bytes("#0b5cad", "Hall, 2nd floor")),
        taken_on=calendar.add_working_days(today, -5),
        place="Холл 2-го этажа",
        subject="Зона временного хранения",
        problem="Коробки без «красных ярлыков»",
        photographer=name,
        room=rooms[4],
    )
