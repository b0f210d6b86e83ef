"""Forms of «Set in order»: the upload of a map or scheme, the schedule grid (a formset: a bad
cell gets its message beside it, nothing is saved, what was typed stays) and the storage and
visualisation rules with the desk-items grid (Appendix 21)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person, Room
from core.forms import DateInput, GridFormSet, PortalFormMixin
from standards.placement.choices import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    QUANTITY_MAX,
    RULES_MAX_LENGTH,
    SCHEDULE_ROWS_MAX,
    SchemeKind,
)


class SchemeUploadForm(PortalFormMixin, forms.Form):
    """A new version of a room's map (§6.2) or rational-placement scheme (§6.3)."""

    kind = forms.ChoiceField(
        label=_("Вид"), choices=SchemeKind.choices, initial=SchemeKind.RATIONAL
    )
    file = forms.FileField(
        label=_("Файл (изображение JPEG, PNG, WebP или PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
    )
    note = forms.CharField(label=_("Пояснение"), max_length=NOTE_MAX_LENGTH, required=False)


class ScheduleForm(PortalFormMixin, forms.Form):
    drawn_up_on = forms.DateField(label=_("Дата составления"), widget=DateInput())


class ScheduleRowForm(forms.Form):
    """A row of the schedule (L901): a room and the one person responsible for it."""

    room = forms.ModelChoiceField(label=_("Помещение"), queryset=Room.objects.none())
    responsible = forms.ModelChoiceField(
        label=_("Ответственный за рациональное размещение"), queryset=Person.objects.none()
    )
    date_from = forms.DateField(label=_("Начало"), widget=DateInput())
    date_to = forms.DateField(label=_("Окончание"), widget=DateInput())

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["room"].queryset = Room.objects.filter(agency=agency).order_by("name")
            self.fields["responsible"].queryset = Person.objects.filter(agency=agency).order_by(
                "full_name"
            )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Окончание раньше начала."))
        return data


ScheduleRowFormSet = forms.formset_factory(
    ScheduleRowForm, formset=GridFormSet, extra=3, max_num=SCHEDULE_ROWS_MAX, validate_max=True
)


class RulesForm(PortalFormMixin, forms.Form):
    """Items 2 and 3 of Appendix 21 (L4425–4441)."""

    storage_rules = forms.CharField(
        label=_("Правила хранения предметов в рабочем пространстве"),
        max_length=RULES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    visual_rules = forms.CharField(
        label=_("Правила визуализации размещения предметов"),
        max_length=RULES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DeskItemForm(forms.Form):
    """Item 1 of Appendix 21 (L4407): name, quantity and place of an item kept on a desk."""

    name = forms.CharField(label=_("Наименование предмета"), max_length=NAME_MAX_LENGTH)
    quantity = forms.IntegerField(label=_("Количество"), min_value=1, max_value=QUANTITY_MAX)
    place = forms.CharField(label=_("Место хранения"), max_length=PLACE_MAX_LENGTH)


DeskItemFormSet = forms.formset_factory(DeskItemForm, formset=GridFormSet, extra=3)
