"""Forms of the productivity pages. Numbers are checked by productivity.calc through the
services, which name the failing field; the forms only parse."""

from decimal import Decimal

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, PortalFormMixin
from productivity import calc
from productivity.choices import (
    DEFAULT_KVC_BASE,
    DEFAULT_SHIFT_H,
    DEFAULT_WORKER_SHARE,
    KVC_BASE_CHOICES,
    MAX_OBSERVATIONS,
    KstMode,
)
from productivity.models import Study


def decimal_field(label, required=True, **kwargs):
    return forms.DecimalField(label=label, required=required, localize=True, **kwargs)


class ObservationsField(forms.CharField):
    """Repeated observations in seconds, separated by spaces or semicolons («48 50 46»)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Несколько замеров через пробел, например: 48 50 46"))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        parts = value.replace(";", " ").replace("\n", " ").split()
        if len(parts) > MAX_OBSERVATIONS:
            raise forms.ValidationError(_("Не более %(n)s замеров.") % {"n": MAX_OBSERVATIONS})
        result = []
        for part in parts:
            try:
                result.append(calc.to_decimal(part, self.label))
            except calc.InvalidInput:
                raise forms.ValidationError(
                    _("«%(value)s» — не число. Замеры — числа через пробел.") % {"value": part}
                ) from None
        return result


def kvc_base_field():
    return forms.TypedChoiceField(
        label=_("Базовый Kвц"),
        choices=[(str(value), label) for value, label in KVC_BASE_CHOICES],
        coerce=Decimal,
        initial=str(DEFAULT_KVC_BASE),
    )


def worker_share_field():
    return decimal_field(
        _("Доля экономии, отдаваемая рабочему (0,3–0,7)"), initial=DEFAULT_WORKER_SHARE
    )


def kst_mode_field():
    return forms.ChoiceField(label=_("Расчёт Kст"), choices=KstMode.choices, initial=KstMode.TABLE)


class WorkplaceForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("ОИВ ЯО / СППО"), queryset=None)
    name = forms.CharField(label=_("Рабочее место"), max_length=300)
    workers_per_workplace = forms.IntegerField(
        label=_("Число рабочих на рабочем месте (Чр рм)"), initial=1
    )
    hourly_rate = decimal_field(_("Часовая ставка Cчас, руб."))
    kvc_base = kvc_base_field()
    worker_share = worker_share_field()
    kst_mode = kst_mode_field()

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


CORRECTIVE_ACTION_REMARK_CHARS = 80


class CorrectiveActionField(forms.ModelChoiceField):
    """A row of an approved corrective-action plan (Appendix 30) of the study's agency: «Шаг 2,
    № 3: <remark> (план от <audit date>)». The queryset (productivity.selectors.
    corrective_actions) fetches plan and audit with the rows, so the options cost one query."""

    def __init__(self, *, with_agency=False, **kwargs):
        self.with_agency = with_agency
        kwargs.setdefault("label", _("Корректирующее мероприятие"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("— нет, улучшение не из плана мероприятий —"))
        kwargs.setdefault(
            "help_text",
            _(
                "Мероприятие утверждённого плана корректирующих мероприятий, "
                "если улучшение из него."
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "Выберите корректирующее мероприятие из утверждённого плана "
                    "ОИВ ЯО / СППО, к которому относится рабочее место."
                )
            },
        )
        super().__init__(queryset=None, **kwargs)

    def label_from_instance(self, action):
        label = gettext("Шаг %(step)s, № %(number)s: %(remark)s (план от %(date)s)") % {
            "step": action.step,
            "number": action.number,
            "remark": Truncator(action.remark).chars(CORRECTIVE_ACTION_REMARK_CHARS),
            "date": action.plan.audit.date.strftime("%d.%m.%Y"),
        }
        if self.with_agency:
            label = f"{action.plan.agency.short_name} — {label}"
        return label


class StudyForm(PortalFormMixin, forms.Form):
    workplace = forms.ModelChoiceField(label=_("Рабочее место"), queryset=None)
    title = forms.CharField(label=_("Наименование исследования"), max_length=300)
    improvement = forms.CharField(
        label=_("Улучшение, вызвавшее изменение"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    corrective_action = CorrectiveActionField()

    def __init__(self, *args, workplaces, corrective_actions, with_agency=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = workplaces
        self.fields["workplace"].label_from_instance = lambda w: f"{w.name} — {w.agency.short_name}"
        self.fields["corrective_action"].queryset = corrective_actions
        self.fields["corrective_action"].with_agency = with_agency


class MeasurementForm(PortalFormMixin, forms.Form):
    measured_on = forms.DateField(label=_("Дата замера"), widget=DateInput)
    shift_h = decimal_field(_("Время смены Tсм, ч"), initial=DEFAULT_SHIFT_H)
    rest_h = decimal_field(_("Отдых и личные надобности Tолн, ч"), initial=0)
    preparatory_h = decimal_field(_("Подготовительно-заключительное время Tпз, ч"), initial=0)
    maintenance_h = decimal_field(
        _("Организационно-техническое обслуживание Tорг-тех, ч"), initial=0
    )
    losses_h = decimal_field(_("Потери (простои) Tпотерь, ч"), initial=0)
    yield_percent = decimal_field(_("Выход годных ВГ, %"), initial=100)
    improvement = forms.CharField(
        label=_("Улучшение, вызвавшее изменение"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    corrective_action = CorrectiveActionField()

    def __init__(self, *args, with_improvement=False, corrective_actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_improvement:
            del self.fields["improvement"]
            del self.fields["corrective_action"]
        else:
            self.fields["improvement"].required = True
            self.fields["corrective_action"].queryset = corrective_actions


class OperationForm(forms.Form):
    name = forms.CharField(label=_("Операция"), max_length=300)
    parts_per_cycle = forms.IntegerField(label=_("Деталей за цикл (Зн)"), initial=1, min_value=1)
    cycle_times_s = ObservationsField(label=_("Замеры Tц, с"))
    manual_times_s = ObservationsField(label=_("Замеры Tрр, с"))

    def has_changed(self):
        """An extra row counts as filled when it names the operation or carries observations
        (its Зн of 1 alone does not make it a row)."""
        return any(
            (self[name].data or "").strip() for name in ("name", "cycle_times_s", "manual_times_s")
        )


OperationFormSet = forms.formset_factory(OperationForm, extra=3, max_num=30, validate_max=True)


class StudyChoiceForm(forms.Form):
    """«Save into a study»: which study and which measurement."""

    study = forms.ModelChoiceField(label=_("Исследование"), queryset=Study.objects.none())
    phase = forms.ChoiceField(label=_("Замер"), choices=())
    improvement = forms.CharField(
        label=_("Улучшение, вызвавшее изменение (для замера «после»)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, studies, **kwargs):
        from productivity.choices import Phase

        super().__init__(*args, **kwargs)
        self.fields["study"].queryset = studies
        self.fields["study"].label_from_instance = lambda s: f"{s.title} — {s.workplace.name}"
        self.fields["phase"].choices = Phase.choices
