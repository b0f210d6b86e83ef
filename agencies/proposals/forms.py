"""Forms of improvement proposals: submitting one, the team's work at each stage (the «5 почему»
record as a grid, a formset), naming who does a stage and by when."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person
from agencies.proposals.choices import FIVE_WHYS, OutcomeKind, Stage
from core.forms import DateInput, GridFormSet, PortalFormMixin


class ProposalForm(PortalFormMixin, forms.Form):
    what = forms.CharField(
        label=_("Что предлагается"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    where = forms.CharField(label=_("Где (помещение, часть рабочего пространства)"), max_length=300)
    problem = forms.CharField(
        label=_("Какую проблему решает"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ACCEPTED_CHOICES = [("", "—"), ("yes", _("принять")), ("no", _("отклонить"))]


class StageWorkForm(PortalFormMixin, forms.Form):
    """The fields of the team's work that the current stage asks for."""

    root_cause = forms.CharField(
        label=_("Первопричина"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    options = forms.CharField(
        label=_("Возможные варианты решения"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.CharField(
        label=_("Выбранное решение и план его выполнения"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accepted = forms.ChoiceField(label=_("Решение по предложению"), choices=ACCEPTED_CHOICES)
    outcome_kind = forms.ChoiceField(
        label=_("Чем стало предложение"), choices=[("", "—"), *OutcomeKind.choices]
    )
    outcome_reference = forms.CharField(label=_("Документ (номер, пункт)"), max_length=300)
    outcome_target = forms.ChoiceField(
        label=_("Запись портала, которой стало предложение"),
        help_text=_("Например, корректирующее мероприятие плана ОИВ ЯО / СППО (приложение 30)."),
    )

    STAGE_FIELDS = {
        Stage.IDENTIFY: (),
        Stage.ANALYSE: ("root_cause",),
        Stage.OPTIONS: ("options",),
        Stage.DECIDE: ("decision", "accepted"),
        Stage.STANDARDISE: ("outcome_kind", "outcome_reference", "outcome_target"),
    }

    def __init__(self, *args, stage, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_target"].choices = [("", "—"), *targets]
        keep = self.STAGE_FIELDS[Stage(stage)]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            else:
                # The service says what a stage still needs when it is closed; saving a draft
                # of the work leaves a field empty.
                self.fields[name].required = False

    def data_for_service(self):
        data = dict(self.cleaned_data)
        if "accepted" in data:
            data["accepted"] = {"yes": True, "no": False}.get(data["accepted"])
        if "outcome_target" in data:
            # «kind:id» of a registered record: the kind follows the record chosen.
            kind, _sep, record_id = data.pop("outcome_target").partition(":")
            data["outcome_id"] = int(record_id) if record_id else None
            if kind:
                data["outcome_kind"] = kind
        return data


class WhyForm(PortalFormMixin, forms.Form):
    question = forms.CharField(label=_("Почему?"), max_length=500, required=False)
    answer = forms.CharField(label=_("Потому что"), max_length=500, required=False)


WhyFormSet = forms.formset_factory(
    WhyForm,
    extra=0,
    min_num=FIVE_WHYS,
    max_num=FIVE_WHYS,
    absolute_max=FIVE_WHYS,
    formset=GridFormSet,
)


class PlanForm(PortalFormMixin, forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("Ответственный"), queryset=Person.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Срок"), widget=DateInput, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people
