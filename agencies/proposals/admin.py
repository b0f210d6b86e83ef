"""Admin of improvement proposals (§9.1, Appendix 36). Registered from agencies/admin.py."""

from django.contrib import admin

from agencies.proposals.models import FiveWhy, Proposal, ProposalStep
from core.admin import PortalModelAdmin


class StepInline(admin.TabularInline):
    model = ProposalStep
    extra = 0
    autocomplete_fields = ["responsible"]
    readonly_fields = ["done_by"]


class WhyInline(admin.TabularInline):
    model = FiveWhy
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(PortalModelAdmin):
    list_display = ["pk", "agency", "submitted_on", "stage", "state", "outcome_kind"]
    list_filter = ["state", "stage", "outcome_kind"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency", "author"]
    readonly_fields = ["submitted_by", "stage", "state", "closed_on"]
    inlines = [StepInline, WhyInline]
