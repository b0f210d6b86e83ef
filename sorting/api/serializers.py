from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from rest_framework import serializers

from agencies.choices import ROOM_NAME_MAX_LENGTH
from agencies.models import Agency, Person, Room
from core.validators import validate_past_date, validate_plan_date
from sorting import reports, rules, selectors
from sorting.choices import CHECK_ENTRIES_MAX, MAX_ID, TEXT_MAX_LENGTH, ApprovalRole
from sorting.models import (
    ClassifierEntry,
    ListApproval,
    RedTag,
    SortingList,
    SortingListLine,
    SortingRound,
    StorageAdmission,
    StorageCheck,
    StorageCheckLine,
)


class PkField(serializers.PrimaryKeyRelatedField):
    """A related record by id. A number beyond the database's range or a JSON number like
    1e999999 (parsed as infinity) is «invalid», not an OverflowError."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, int) and not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        try:
            return super().to_internal_value(data)
        except OverflowError:
            self.fail("does_not_exist", pk_value=data)


class PortalModelSerializer(serializers.ModelSerializer):
    serializer_related_field = PkField


class RoomIdField(PkField):
    """A room of the agency's list by id (agencies.Room, `/api/v1/rooms/`); answers the id."""

    def to_representation(self, value):
        return value if isinstance(value, int) else value.pk


class RoomsTextField(serializers.CharField):
    """A sorting's rooms as one line, as clients have always sent and read them («215, 218,
    220»); kept as the agency's rooms, a name the list lacks added to it."""

    def get_attribute(self, instance):
        return instance.rooms_display


class RedTagSerializer(PortalModelSerializer):
    """Appendix 1. The registration number is assigned by the server."""

    agency = PkField(queryset=Agency.objects.all())
    # The room's name, as before (a name the agency's list lacks is added to it); or `room_id`,
    # a room of the list (`/api/v1/rooms/?agency=`). One of them is required on create.
    room = serializers.CharField(max_length=ROOM_NAME_MAX_LENGTH, required=False)
    room_id = RoomIdField(queryset=Room.objects.all(), required=False)
    reason = PkField(queryset=ClassifierEntry.objects.all())
    action = PkField(queryset=ClassifierEntry.objects.all())
    reason_text = serializers.CharField(source="reason.text", read_only=True)
    action_text = serializers.CharField(source="action.text", read_only=True)
    round = PkField(
        queryset=SortingRound.objects.all(), write_only=True, required=False, allow_null=True
    )
    list_line = serializers.SerializerMethodField()
    in_storage_since = serializers.SerializerMethodField()
    is_filled = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = RedTag
        fields = [
            "id",
            "agency",
            "number",
            "marked_on",
            "marked_by",
            "room",
            "room_id",
            "workplace_owner",
            "item_name",
            "inventory_number",
            "quantity",
            "reason",
            "reason_text",
            "action",
            "action_text",
            "move_deadline",
            "responsible_for_moving",
            "comments",
            "round",
            "list_line",
            "in_storage_since",
            "is_filled",
            "url",
        ]
        read_only_fields = ["number"]
        extra_kwargs = {"marked_on": {"required": False}, "marked_by": {"required": False}}

    def get_list_line(self, tag) -> int | None:
        line = getattr(tag, "list_line", None)
        return line.pk if line else None

    def get_in_storage_since(self, tag) -> str | None:
        admission = getattr(tag, "admission", None)
        return admission.admitted_on.isoformat() if admission else None

    def get_url(self, tag) -> str:
        return reports.tag_url(tag)

    def validate(self, attrs):
        agency = attrs.get("agency")
        if self.instance is not None and agency and agency.pk != self.instance.agency_id:
            raise serializers.ValidationError(
                {"agency": _("ОИВ ЯО / СППО «красного ярлыка» не меняется.")}
            )
        if "room_id" in attrs:
            attrs["room"] = attrs.pop("room_id")
        elif self.instance is None and not attrs.get("room"):
            raise serializers.ValidationError({"room": _("Обязательное поле.")})
        return attrs


class LineSerializer(PortalModelSerializer):
    regularity_text = serializers.CharField(source="regularity.text", read_only=True, default="")
    decision_text = serializers.CharField(source="decision.text", read_only=True, default="")

    class Meta:
        model = SortingListLine
        fields = [
            "id",
            "position",
            "red_tag",
            "room",
            "workplace_owner",
            "item_name",
            "inventory_number",
            "quantity",
            "regularity",
            "regularity_text",
            "decider_name",
            "decider_position",
            "decision",
            "decision_text",
            "execute_by",
            "decided_at",
            "carried_out_on",
        ]
        read_only_fields = fields


class ApprovalSerializer(PortalModelSerializer):
    class Meta:
        model = ListApproval
        fields = ["id", "role", "full_name", "position", "agreed_on", "recorded_at"]
        read_only_fields = ["id", "recorded_at"]


class SortingListSerializer(PortalModelSerializer):
    lines = LineSerializer(many=True, read_only=True)
    approvals = ApprovalSerializer(many=True, read_only=True)
    round = PkField(read_only=True)
    agency = serializers.IntegerField(source="round.agency_id", read_only=True)
    agreed = serializers.SerializerMethodField()

    class Meta:
        model = SortingList
        fields = ["id", "round", "agency", "kind", "lines", "approvals", "agreed"]

    def get_agreed(self, sorting_list) -> bool:
        return selectors.list_is_agreed(
            sorting_list, list(sorting_list.approvals.all()), list(sorting_list.lines.all())
        )


class SortingRoundSerializer(PortalModelSerializer):
    agency = PkField(queryset=Agency.objects.all())
    rooms = RoomsTextField(max_length=TEXT_MAX_LENGTH)
    room_ids = serializers.SerializerMethodField()
    participants = PkField(queryset=Person.objects.all(), many=True, required=False)
    lists = serializers.SerializerMethodField()

    class Meta:
        model = SortingRound
        fields = [
            "id",
            "agency",
            "date_from",
            "date_to",
            "rooms",
            "room_ids",
            "participants",
            "next_sorting_on",
            "lists",
        ]

    def get_room_ids(self, sorting_round) -> list[int]:
        """The ids of the rooms in `rooms`, in the same order."""
        return [room.pk for room in sorted(sorting_round.rooms.all(), key=rules.room_sort_key)]

    def get_lists(self, sorting_round) -> dict:
        return {item.kind: item.pk for item in sorting_round.lists.all()}


class DecisionSerializer(serializers.Serializer):
    decider_name = serializers.CharField(max_length=200)
    decider_position = serializers.CharField(max_length=300)
    decision = PkField(queryset=ClassifierEntry.objects.all())
    execute_by = serializers.DateField(
        validators=[validate_plan_date],
        help_text="Not before 2011-08-23, at most two years ahead.",
    )


class ApprovalInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ApprovalRole.choices)
    full_name = serializers.CharField(max_length=200)
    position = serializers.CharField(max_length=300)
    agreed_on = serializers.DateField(
        validators=[validate_past_date], help_text="From 2011-08-23 to today."
    )


class StorageAdmissionSerializer(PortalModelSerializer):
    red_tag = PkField(queryset=RedTag.objects.all())
    number = serializers.IntegerField(source="red_tag.number", read_only=True)
    item_name = serializers.CharField(source="red_tag.item_name", read_only=True)
    admitted_on = serializers.DateField(
        required=False, validators=[validate_past_date], help_text="From 2011-08-23 to today."
    )

    class Meta:
        model = StorageAdmission
        fields = ["id", "agency", "red_tag", "number", "item_name", "admitted_on", "released_on"]
        read_only_fields = ["agency", "released_on"]


class CheckEntrySerializer(serializers.Serializer):
    admission = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    present = serializers.BooleanField()
    matches_list = serializers.BooleanField()
    carried_out_on = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_past_date],
        help_text="From 2011-08-23 to today.",
    )


class CheckLineSerializer(PortalModelSerializer):
    class Meta:
        model = StorageCheckLine
        fields = ["admission", "present", "matches_list", "carried_out_on"]


class StorageCheckSerializer(PortalModelSerializer):
    agency = PkField(queryset=Agency.objects.all())
    entries = serializers.ListSerializer(
        child=CheckEntrySerializer(),
        write_only=True,
        max_length=CHECK_ENTRIES_MAX,
        # stated as a validator too, so that the schema shows maxItems
        validators=[MaxLengthValidator(CHECK_ENTRIES_MAX)],
    )
    lines = CheckLineSerializer(many=True, read_only=True)

    class Meta:
        model = StorageCheck
        fields = ["id", "agency", "checked_on", "note", "entries", "lines"]


class SortingFiguresSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    tags_issued = serializers.IntegerField()
    items_moved = serializers.IntegerField()
    decisions_overdue = serializers.IntegerField()
    decisions_missing = serializers.IntegerField()
