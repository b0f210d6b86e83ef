from rest_framework import serializers

from agencies.models import Agency, FiveSTeam, Person, Room


class AgencySerializer(serializers.ModelSerializer):
    curator = serializers.StringRelatedField()
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    deployment_state_display = serializers.CharField(
        source="get_deployment_state_display", read_only=True
    )

    class Meta:
        model = Agency
        fields = [
            "id",
            "kind",
            "kind_display",
            "full_name",
            "short_name",
            "curator",
            "staff_headcount",
            "actual_headcount",
            "responsible_for_common_areas",
            "has_committees",
            "deployment_state",
            "deployment_state_display",
            "steps_completed",
        ]
        # Only the actual headcount (L535) is written through the API (PATCH, see
        # AgencyHeadcountSerializer); the rest is kept by the administrators.
        read_only_fields = [name for name in fields if name != "actual_headcount"]


class AgencyHeadcountSerializer(serializers.Serializer):
    """`PATCH /api/v1/agencies/{id}/`: the agency's actual headcount («фактической
    численности», §4.7 L535), next to its establishment headcount; null when not known.
    Administrators and the agency's team leaders."""

    actual_headcount = serializers.IntegerField(min_value=0, max_value=1_000_000, allow_null=True)


class PersonSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.short_name", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "position",
            "position_level",
            "agency",
            "agency_name",
            "trained_on",
            "council_role",
        ]


class TeamSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = FiveSTeam
        fields = [
            "id",
            "name",
            "agencies",
            "leader",
            "members",
            "storage_keeper",
            "period_start",
            "period_end",
            "order_number",
            "order_date",
            "deployment_start",
        ]

    def get_members(self, team) -> list[int]:
        return [membership.person_id for membership in team.memberships.all()]


class RoomSerializer(serializers.ModelSerializer):
    """A room of an agency. `agency` is set when the room is made and never changes; `area`
    is in m², a string with two decimals (`"18.50"`), or null."""

    agency_name = serializers.CharField(source="agency.short_name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    common_area = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Left out on creation: follows the kind of room.",
    )

    class Meta:
        model = Room
        fields = [
            "id",
            "agency",
            "agency_name",
            "name",
            "kind",
            "kind_display",
            "area",
            "common_area",
            "single_workplace",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if self.instance is not None:
            fields["agency"].read_only = True
        elif request is not None:
            from agencies.permissions import visible_agencies

            fields["agency"].queryset = visible_agencies(request.user)
        return fields
