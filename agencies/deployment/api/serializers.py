from rest_framework import serializers

from agencies.deployment.choices import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from agencies.deployment.models import DeploymentOrder, DeploymentPlan, PlanActivity
from agencies.models import Agency, FiveSTeam, Person


class PlanActivitySerializer(serializers.ModelSerializer):
    exceeds_maximum = serializers.BooleanField(read_only=True)
    length_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = PlanActivity
        fields = [
            "id",
            "section",
            "number",
            "step",
            "title",
            "max_weeks",
            "max_days",
            "period_group",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "executor",
            "responsible",
            "length_days",
            "exceeds_maximum",
        ]
        read_only_fields = [
            "id",
            "section",
            "number",
            "step",
            "title",
            "max_weeks",
            "max_days",
            "period_group",
        ]


class DeploymentPlanSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    copy_due = serializers.DateField(source="copies_due", read_only=True, allow_null=True)
    activities = PlanActivitySerializer(many=True, read_only=True)
    # A joint team's plan (§4.3, L411): its СППО, [] for one agency's plan.
    team_agencies = serializers.SerializerMethodField()

    def get_team_agencies(self, plan) -> list[int]:
        return [agency.pk for agency in plan.joint_agencies]

    class Meta:
        model = DeploymentPlan
        fields = [
            "id",
            "agency",
            "agency_name",
            "team",
            "team_agencies",
            "year",
            "starts_on",
            "status",
            "order",
            "approved_on",
            "approver",
            "on_behalf",
            "approval_late",
            "copy_due",
            "copies_sent_on",
            "activities",
        ]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    year = serializers.IntegerField(min_value=PLAN_YEAR_MIN, max_value=PLAN_YEAR_MAX)
    starts_on = serializers.DateField(required=False)


class ApproveSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)


class CopiesSentSerializer(serializers.Serializer):
    sent_on = serializers.DateField()


class DeploymentOrderSerializer(serializers.ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    team = serializers.PrimaryKeyRelatedField(
        queryset=FiveSTeam.objects.all(), required=False, allow_null=True
    )
    copy_due = serializers.DateField(read_only=True)
    plan_approval_deadline = serializers.DateField(read_only=True)
    team_reapproval_due = serializers.DateField(read_only=True)
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = DeploymentOrder
        fields = [
            "id",
            "agency",
            "team",
            "number",
            "date",
            "issuer",
            "deployment_start",
            "personal_control",
            "team_regulation",
            "diagnosis_start",
            "diagnosis_end",
            "diagnosis_responsible",
            "indicators_start",
            "indicators_end",
            "indicators_responsible",
            "plan_approval_due",
            "plan_approval_deadline",
            "plan_developer",
            "camera_procedure",
            "board_responsible",
            "preparation_activities",
            "copy_due",
            "copy_sent_on",
            "team_approved_on",
            "team_reapproval_due",
            "has_scan",
        ]
        extra_kwargs = {
            "plan_approval_due": {"required": False},
            **{
                name: {"queryset": Person.objects.all()}
                for name in (
                    "issuer",
                    "diagnosis_responsible",
                    "indicators_responsible",
                    "plan_developer",
                    "board_responsible",
                )
            },
        }

    def get_has_scan(self, order) -> bool:
        return bool(order.scan)


class ScanSerializer(serializers.Serializer):
    file = serializers.FileField()
