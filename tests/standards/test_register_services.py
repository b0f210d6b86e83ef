"""The register of 5S standards (§8.2, L1119–1257): versions written by the team, agreed by the
leader and approved by the head (L1139), reviewed yearly (L1145), published in «ДИАрама»,
adopted by another agency naming its origin; reminders of the review."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import ApplicationError, ConflictError
from core.models import Notice, OutboxMessage
from reports.models import Publication
from standards.register import notices, selectors, services
from standards.register.choices import StandardStatus, VersionStatus
from standards.register.models import Standard
from tests.standards.conftest import approved_standard

pytestmark = pytest.mark.django_db


def test_fixture_loads_the_eight_mandatory_standards_in_the_regulations_order(kinds):
    assert [k.title for k in kinds] == [
        "Схема итогового рационального размещения предметов в рабочем пространстве",
        "Порядок внесения изменений в схему итогового рационального размещения предметов в "
        "рабочем пространстве",
        "Контрольный лист для ежедневного применения системы 5S",
        "Правила обслуживания персонального оборудования сотрудниками ОИВ ЯО или СППО",
        "Правила обслуживания сотрудниками ОИВ ЯО или СППО оборудования, находящегося в общем "
        "пользовании",
        "Управление уровнем запасов материальных объектов",
        "Хранение документов в бумажном виде",
        "Хранение документов в электронном виде",
    ]
    assert services.reference_load() == 8  # idempotent


def test_leader_agrees_and_head_approves_and_review_is_due_in_a_year(
    kinds, agency_a, team_leader_a, head_a, django_capture_on_commit_callbacks
):
    standard = services.standard_create(
        actor=team_leader_a, agency=agency_a, kind=kinds[6], text="Папки подписаны"
    )
    assert standard.title == kinds[6].title
    version = standard.versions.get()
    with pytest.raises(ConflictError):
        services.version_approve(actor=head_a, version=version)
    services.version_agree(actor=team_leader_a, version=version, today=datetime.date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(actor=head_a, version=version, today=datetime.date(2026, 3, 10))
    standard.refresh_from_db()
    version.refresh_from_db()
    assert standard.status == StandardStatus.APPROVED
    assert version.agreed_by.user == team_leader_a
    assert version.approved_by.user == head_a
    assert standard.review_due == datetime.date(2027, 3, 10)
    assert not standard.is_review_overdue(datetime.date(2027, 3, 10))
    assert standard.is_review_overdue(datetime.date(2027, 3, 11))
    publication = Publication.objects.get(source_key=f"standard:{standard.pk}")
    assert publication.kind == "standard"
    assert publication.url == version.get_absolute_url()
    assert publication.agency == agency_a


def test_a_new_version_supersedes_the_approved_one_and_moves_the_review(
    kinds, agency_a, team_leader_a, head_a
):
    standard = approved_standard(agency_a, kinds[0], leader=team_leader_a, head=head_a)
    first = standard.approved_version
    revised = services.version_revise(actor=team_leader_a, standard=standard)
    assert revised.number == 2 and revised.text == first.text
    with pytest.raises(ConflictError):
        services.version_revise(actor=team_leader_a, standard=standard)
    services.version_update(actor=team_leader_a, version=revised, text="Новый текст")
    services.version_agree(actor=team_leader_a, version=revised, today=datetime.date(2027, 1, 5))
    services.version_approve(actor=head_a, version=revised, today=datetime.date(2027, 1, 10))
    standard.refresh_from_db()
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert standard.approved_version == revised
    assert standard.review_due == datetime.date(2028, 1, 10)
    assert OutboxMessage.objects.filter(handler=notices.PUBLISH_STANDARD).count() == 2


def test_an_agreed_version_is_not_edited(kinds, agency_a, team_leader_a):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, title="С", text="т")
    version = standard.versions.get()
    services.version_agree(actor=team_leader_a, version=version)
    with pytest.raises(ConflictError):
        services.version_update(actor=team_leader_a, version=version, text="x")


def test_a_mandatory_kind_is_entered_once_per_agency(kinds, agency_a, team_leader_a):
    services.standard_create(actor=team_leader_a, agency=agency_a, kind=kinds[0])
    with pytest.raises(ApplicationError) as error:
        services.standard_create(actor=team_leader_a, agency=agency_a, kind=kinds[0])
    assert "kind" in error.value.details
    assert Standard.objects.count() == 1


@pytest.mark.parametrize("who", ["employee_a", "team_leader_b", "governor", "auditor"])
def test_only_the_team_writes_standards(request, kinds, agency_a, who):
    with pytest.raises(PermissionDenied):
        services.standard_create(actor=request.getfixturevalue(who), agency=agency_a, kind=kinds[0])
    assert not Standard.objects.exists()


def test_member_may_not_agree_and_leader_may_not_approve(
    kinds, agency_a, team_leader_a, team_member_a, head_a
):
    standard = services.standard_create(actor=team_member_a, agency=agency_a, title="С", text="т")
    version = standard.versions.get()
    with pytest.raises(PermissionDenied):
        services.version_agree(actor=team_member_a, version=version)
    services.version_agree(actor=team_leader_a, version=version)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=team_leader_a, version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.AGREED


def test_administrator_approves_on_behalf_of_the_head(
    kinds, agency_a, team_leader_a, head_a, administrator
):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, title="С", text="т")
    version = standard.versions.get()
    services.version_agree(actor=team_leader_a, version=version)
    services.version_approve(actor=administrator, version=version)
    version.refresh_from_db()
    assert version.approved_by.user == head_a
    assert version.signed_on_behalf_by == administrator


def test_another_agency_adopts_an_approved_standard_naming_its_origin(
    kinds, agency_a, agency_b, team_leader_a, head_a, team_leader_b
):
    source = approved_standard(agency_a, kinds[5], leader=team_leader_a, head=head_a, text="Мин")
    version = source.approved_version
    copy = services.standard_adopt(actor=team_leader_b, source=source, agency=agency_b)
    assert copy.agency == agency_b and copy.kind == source.kind
    assert copy.origin == version
    assert agency_a.short_name in copy.origin_label
    assert copy.status == StandardStatus.DRAFT
    assert copy.versions.get().text == "Мин"
    with pytest.raises(PermissionDenied):
        services.standard_adopt(actor=team_leader_a, source=copy, agency=agency_b)


def test_a_draft_is_not_adopted(kinds, agency_a, agency_b, team_leader_a, team_leader_b):
    draft = services.standard_create(actor=team_leader_a, agency=agency_a, title="С", text="т")
    with pytest.raises(ApplicationError):
        services.standard_adopt(actor=team_leader_b, source=draft, agency=agency_b)
    assert Standard.objects.count() == 1


def test_attachments_are_copied_with_a_revision(kinds, agency_a, team_leader_a, head_a):
    standard = services.standard_create(actor=team_leader_a, agency=agency_a, title="С", text="")
    version = standard.versions.get()
    services.attachment_add(
        actor=team_leader_a,
        version=version,
        file=SimpleUploadedFile("scheme.png", b"\x89PNG fake"),
        caption="Схема",
    )
    services.version_agree(actor=team_leader_a, version=version)
    services.version_approve(actor=head_a, version=version)
    standard.refresh_from_db()
    revised = services.version_revise(actor=team_leader_a, standard=standard)
    assert [a.caption for a in revised.attachments.all()] == ["Схема"]


def test_review_reminder_before_and_overdue_notice_after_each_sent_once(
    kinds, agency_a, team_leader_a, head_a
):
    standard = approved_standard(
        agency_a, kinds[0], leader=team_leader_a, head=head_a, on=datetime.date(2026, 3, 10)
    )
    assert services.review_reminders_send(today=datetime.date(2027, 2, 7)) == 0
    assert services.review_reminders_send(today=datetime.date(2027, 2, 8)) == 2
    assert services.review_reminders_send(today=datetime.date(2027, 3, 10)) == 0
    assert services.review_reminders_send(today=datetime.date(2027, 3, 11)) == 2
    kinds_sent = sorted(
        Notice.objects.filter(subject_id=standard.pk).values_list("kind", flat=True)
    )
    assert kinds_sent == [notices.REVIEW_DUE] * 2 + [notices.REVIEW_OVERDUE] * 2


def test_mandatory_rows_name_each_kind_with_its_standard(kinds, agency_a, team_leader_a, head_a):
    approved_standard(agency_a, kinds[1], leader=team_leader_a, head=head_a)
    rows = selectors.mandatory_rows(agency=agency_a, today=datetime.date(2026, 6, 1))
    assert [r.order for r in rows] == list(range(1, 9))
    assert rows[1].standard is not None and rows[1].approved and not rows[1].overdue
    assert rows[0].standard is None and rows[0].state == "missing"
    late = selectors.mandatory_rows(agency=agency_a, today=datetime.date(2027, 1, 16))
    assert late[1].overdue
