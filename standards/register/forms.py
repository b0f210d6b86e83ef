"""Forms of the register and the daily checklist; the checklist's items are a formset (a grid:
a bad row gets its message beside it, nothing is saved)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GridFormSet, PortalFormMixin
from standards.register.choices import CHECKLIST_MAX_ITEMS, CHECKLIST_MAX_MINUTES, FiveSStage
from standards.register.models import StandardKind


class StandardForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("ОИВ ЯО / СППО"))
    kind = forms.ModelChoiceField(
        queryset=StandardKind.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Обязательный 5S-стандарт (пункт 8.2)"),
        empty_label=_("— другой 5S-стандарт —"),
    )
    title = forms.CharField(label=_("Наименование 5S-стандарта"), max_length=300, required=False)
    purpose = forms.CharField(
        label=_("Назначение 5S-стандарта"), widget=forms.Textarea, required=False
    )
    problems = forms.CharField(
        label=_("Проблемы при разработке"), widget=forms.Textarea, required=False
    )
    text = forms.CharField(label=_("Текст"), widget=forms.Textarea, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class StandardEditForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Наименование 5S-стандарта"), max_length=300)
    purpose = forms.CharField(
        label=_("Назначение 5S-стандарта"), widget=forms.Textarea, required=False
    )
    problems = forms.CharField(
        label=_("Проблемы при разработке"), widget=forms.Textarea, required=False
    )


class VersionForm(PortalFormMixin, forms.Form):
    text = forms.CharField(label=_("Текст"), widget=forms.Textarea, required=False)
    change_note = forms.CharField(label=_("Что изменено"), max_length=500, required=False)
    attachment = forms.FileField(label=_("Рисунок, схема или файл"), required=False)
    caption = forms.CharField(label=_("Подпись к файлу"), max_length=300, required=False)


class AdoptForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("Для ОИВ ЯО / СППО"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ChecklistForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("ОИВ ЯО / СППО"))
    time_of_use = forms.TimeField(
        label=_("Время ежедневного применения"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Продолжительность, минут"),
        min_value=1,
        max_value=CHECKLIST_MAX_MINUTES,
        initial=CHECKLIST_MAX_MINUTES,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ChecklistItemForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Этап 5 S"), choices=[("", "—"), *FiveSStage.choices], required=False
    )
    text = forms.CharField(label=_("Порядок действий"), max_length=500, required=False)


ChecklistItemFormSet = forms.formset_factory(
    ChecklistItemForm,
    extra=1,
    # One row more than the rule allows: an eleventh filled row is refused by the service with
    # the rule cited (L1189), rather than silently not shown.
    max_num=CHECKLIST_MAX_ITEMS + 1,
    absolute_max=CHECKLIST_MAX_ITEMS + 10,
    formset=GridFormSet,
)
