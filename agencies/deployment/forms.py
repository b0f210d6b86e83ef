"""Forms of the deployment order and plan; the plan's activities are a grid (a formset)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.deployment.choices import PLAN_YEAR_MAX, PLAN_YEAR_MIN
from agencies.deployment.models import DeploymentOrder
from agencies.models import Agency, FiveSTeam, Person
from core.forms import DateInput, GridFormSet, PortalFormMixin


class PlanCreateForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("ОИВ ЯО / СППО"), queryset=Agency.objects.none())
    year = forms.IntegerField(
        label=_("Год плана"), min_value=PLAN_YEAR_MIN, max_value=PLAN_YEAR_MAX
    )
    starts_on = forms.DateField(
        label=_("Начало периода плана"),
        required=False,
        widget=DateInput(),
        help_text=_("По умолчанию — 1 января года плана."),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()


class ActivityRowForm(PortalFormMixin, forms.Form):
    """One row of the plan's grid: its people and dates (the activity itself is fixed)."""

    executor = forms.CharField(label=_("Исполнитель"), max_length=500, required=False)
    responsible = forms.CharField(label=_("Ответственный"), max_length=300, required=False)
    planned_start = forms.DateField(label=_("Плановое начало"), required=False, widget=DateInput())
    planned_end = forms.DateField(label=_("Плановое окончание"), required=False, widget=DateInput())
    actual_start = forms.DateField(
        label=_("Фактическое начало"), required=False, widget=DateInput()
    )
    actual_end = forms.DateField(
        label=_("Фактическое окончание"), required=False, widget=DateInput()
    )

    def __init__(self, *args, approved=False, **kwargs):
        super().__init__(*args, **kwargs)
        if approved:
            for name in ("executor", "responsible", "planned_start", "planned_end"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, _("Окончание раньше начала."))
        return data


ActivityFormSet = forms.formset_factory(
    ActivityRowForm, extra=0, max_num=100, absolute_max=100, formset=GridFormSet
)


class ApproveForm(PortalFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("Дата утверждения"), widget=DateInput())


class CopiesSentForm(PortalFormMixin, forms.Form):
    sent_on = forms.DateField(
        label=_("Копии направлены руководителю рабочей группы"), widget=DateInput()
    )


ORDER_PEOPLE = (
    "issuer",
    "diagnosis_responsible",
    "indicators_responsible",
    "plan_developer",
    "board_responsible",
)


class OrderForm(PortalFormMixin, forms.ModelForm):
    scan = forms.FileField(label=_("Скан приказа (PDF, JPEG, PNG)"), required=False)

    class Meta:
        model = DeploymentOrder
        fields = [
            "number",
            "date",
            "issuer",
            "team",
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
            "plan_developer",
            "camera_procedure",
            "board_responsible",
            "preparation_activities",
            "copy_sent_on",
            "team_approved_on",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "date",
                "deployment_start",
                "diagnosis_start",
                "diagnosis_end",
                "indicators_start",
                "indicators_end",
                "plan_approval_due",
                "copy_sent_on",
                "team_approved_on",
            )
        }
        widgets.update(
            {
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "personal_control",
                    "team_regulation",
                    "camera_procedure",
                    "preparation_activities",
                )
            }
        )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(agency=agency).order_by("full_name")
        for name in ORDER_PEOPLE:
            self.fields[name].queryset = people
        issuers = Person.objects.filter(pk__in=[p for p in [agency.plan_approver] if p]) | people
        self.fields["issuer"].queryset = issuers.distinct().order_by("full_name")
        self.fields["team"].queryset = FiveSTeam.objects.filter(agencies=agency)
        self.fields["plan_approval_due"].required = False
        self.fields["plan_approval_due"].help_text = _(
            "Не более 1 месяца с даты издания приказа; по умолчанию — последний допустимый день."
        )
