"""Admin of training (§9.2): the programmes with their topics, the sessions with attendees.
Registered from agencies/admin.py."""

from django.contrib import admin

from agencies.training.models import (
    ProgrammeTopic,
    TrainingAttendance,
    TrainingProgramme,
    TrainingSession,
)
from core.admin import PortalModelAdmin


class TopicInline(admin.TabularInline):
    model = ProgrammeTopic
    extra = 0


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(PortalModelAdmin):
    list_display = ["agency", "year", "status", "approved_on"]
    list_filter = ["status", "year"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency", "hr_person", "approver"]
    readonly_fields = ["status", "approved_on", "approver", "approved_by"]
    inlines = [TopicInline]


class AttendanceInline(admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(PortalModelAdmin):
    list_display = ["date", "agency", "topic", "target_group", "duration_hours"]
    list_filter = ["target_group", "agency"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["programme_topic", "created_by"]
    inlines = [AttendanceInline]
