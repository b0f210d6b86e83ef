from typing import Any

from rest_framework import serializers

from agencies.choices import ROOM_NAME_MAX_LENGTH
from agencies.models import Agency, Person
from audits import scoring, selectors
from audits.choices import NOTE_MAX_LENGTH, PHOTO_PROBLEM_MAX_LENGTH
from audits.final_sheet import FinalSheet
from audits.models import Audit, CorrectiveAction, CorrectiveActionPlan, InternalAudit, Photo


class AuditSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    checklist_version = serializers.CharField(source="checklist.version", read_only=True)
    auditors = serializers.SerializerMethodField()
    final_sheet_due = serializers.DateField(source="final_sheet.copy_due", read_only=True)
    it_score = serializers.SerializerMethodField(
        help_text="Criterion 4.3 as the final sheet takes it from the IT department's monthly "
        "record (GET /api/v1/it-standard/); null without a record or when step 4 is not "
        "completed. Read-only: the record is entered through /api/v1/it-standard/."
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "agency",
            "agency_name",
            "date",
            "time",
            "completed_steps",
            "common_areas",
            "it_score",
            "status",
            "checklist_version",
            "auditors",
            "final_sheet_due",
        ]

    def get_it_score(self, audit) -> int | None:
        scores = self.context.get("it_scores")
        if scores is None or audit.pk not in scores:
            scores = selectors.it_scores_of([audit])
        return scores[audit.pk]

    def get_auditors(self, audit) -> list[dict]:
        return [
            {"id": s.auditor_id, "name": s.auditor.full_name, "status": s.status}
            for s in audit.sheets.all()
        ]


class AuditCreateSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    date = serializers.DateField()
    time = serializers.TimeField(required=False, allow_null=True)
    auditors = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True)
    completed_steps = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=5), required=False
    )


class SheetWriteSerializer(serializers.Serializer):
    """The whole sheet: {"scores": {"1.1": 4, ...}, "notes": {"1.1": "..."}}."""

    scores = serializers.DictField(child=serializers.JSONField(), required=False)
    notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=NOTE_MAX_LENGTH), required=False
    )


class AuditDecisionSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    votes = serializers.DictField(child=serializers.JSONField())


class CorrectiveActionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, allow_null=True)
    delete = serializers.BooleanField(required=False, write_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "step",
            "number",
            "criterion_code",
            "remark",
            "cause",
            "action",
            "planned_date",
            "actual_date",
            "executor",
            "overdue",
            "delete",
        ]
        read_only_fields = ["number", "criterion_code"]
        extra_kwargs = {"remark": {"required": False}, "step": {"required": False}}


class CorrectiveActionPlanSerializer(serializers.ModelSerializer):
    actions = CorrectiveActionSerializer(many=True, read_only=True)
    # API v1 keeps "agency": the plan's agency is its audit's (never stored apart).
    agency = serializers.IntegerField(source="audit.agency_id", read_only=True)
    agency_name = serializers.CharField(source="audit.agency.short_name", read_only=True)
    audit_date = serializers.DateField(source="audit.date", read_only=True)
    approver_name = serializers.CharField(
        source="approver.full_name", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = CorrectiveActionPlan
        fields = [
            "id",
            "audit",
            "audit_date",
            "agency",
            "agency_name",
            "status",
            "approver_name",
            "approved_on",
            "approved_on_behalf",
            "copy_due",
            "copy_sent_at",
            "sent_for_approval_at",
            "actions",
        ]


class PlanRowsSerializer(serializers.Serializer):
    rows = CorrectiveActionSerializer(many=True)


class InternalAuditSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = InternalAudit
        fields = ["id", "agency", "month", "conducted_on", "scores"]

    def get_scores(self, internal) -> list[dict]:
        return [
            # "part"/"part_name": the keys of API v1, now the room's (agencies.Room) id and name
            {"part": s.room_id, "part_name": s.room.name, "step": s.step, "score": s.score}
            for s in internal.scores.all()
        ]


class PhotoSerializer(serializers.ModelSerializer):
    # "part": the key of API v1, now the id of the photo's room (agencies.Room)
    part = serializers.PrimaryKeyRelatedField(source="room", read_only=True, allow_null=True)
    image_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = [
            "id",
            "agency",
            "internal_audit",
            "part",
            "taken_on",
            "place",
            "subject",
            "problem",
            "photographer",
            "before",
            "width",
            "height",
            "image_url",
            "thumbnail_url",
        ]

    def get_image_url(self, photo) -> str:
        from django.urls import reverse

        return reverse("audits:photo-file", args=[photo.pk, "image"])

    def get_thumbnail_url(self, photo) -> str:
        from django.urls import reverse

        return reverse("audits:photo-file", args=[photo.pk, "thumbnail"])


class PhotoUploadSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    image = serializers.FileField()
    taken_on = serializers.DateField()
    place = serializers.CharField(max_length=300)
    subject = serializers.CharField(max_length=300)
    photographer = serializers.CharField(max_length=200)
    problem = serializers.CharField(
        required=False, allow_blank=True, max_length=PHOTO_PROBLEM_MAX_LENGTH
    )
    before = serializers.PrimaryKeyRelatedField(
        queryset=Photo.objects.all(), required=False, allow_null=True
    )


class InternalScoreInputSerializer(serializers.Serializer):
    part = serializers.IntegerField()
    step = serializers.IntegerField()
    score = serializers.IntegerField()


class InternalAuditCreateSerializer(serializers.Serializer):
    """{"agency": id, "conducted_on": "YYYY-MM-DD", "scores": [{"part", "step", "score"}]}; the
    rules (steps 1–4, scores 1–5, the agency's own rooms) are checked by the service."""

    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    conducted_on = serializers.DateField()
    scores = InternalScoreInputSerializer(many=True)


class InternalRoomSerializer(serializers.Serializer):
    """A room as `/api/v1/workspace-parts/` showed a part of the workspace: id, agency, name."""

    id = serializers.IntegerField(read_only=True)
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    name = serializers.CharField(max_length=ROOM_NAME_MAX_LENGTH)


class XlsxUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class AuditRescheduleSerializer(serializers.Serializer):
    date = serializers.DateField()
    completed_steps = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=5), required=False
    )
    time = serializers.TimeField(required=False, allow_null=True)
    auditors = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), many=True)


class FinalSheetSerializer(serializers.BaseSerializer):
    """The one serializer of audits.final_sheet.FinalSheet: the body of GET
    /api/v1/audits/{id}/final-sheet/ (and of a decision or a signature), decimals as two-place
    strings rounded half up (../shared/API.md); criteria keyed by code, persons by id."""

    def to_representation(self, instance: FinalSheet) -> dict[str, Any]:
        sheet = instance
        return {
            "audit": sheet.audit.id,
            "agency": sheet.audit.agency_id,
            "date": sheet.audit.date.isoformat(),
            "auditors": [
                {"id": a.id, "name": a.name, "submitted": a.submitted} for a in sheet.auditors
            ],
            "criteria": {
                code: {
                    "scores": {
                        str(pid): score for pid, score in row.scores.items() if score is not None
                    },
                    "value": scoring.display_str(row.value_exact),
                    "divergent": row.divergent,
                    "decided": row.decided,
                    "votes": {str(pid): score for pid, score in row.votes.items()},
                    "external": row.external,
                    "applicable": row.applicable,
                    "reason": row.reason_label,
                    "notes": {str(pid): note for pid, note in row.notes.items()},
                }
                for code, row in sheet.criteria.items()
            },
            "steps": {
                str(step.number): scoring.display_str(step.value_exact)
                for step in sheet.steps
                if step.completed
            },
            "overall": scoring.display_str(sheet.overall_exact),
            "completed_steps": sheet.audit.completed_steps,
            "undecided": list(sheet.undecided),
            "it_standard_missing_month": sheet.it_missing_month,
            "finalised": sheet.finalised,
            "signature": {
                "name": sheet.signature.name,
                "date": sheet.signature.date.isoformat(),
            }
            if sheet.signature
            else None,
        }
