"""Forms of the stock pages: a place, the levels grid (a formset: a bad cell gets its message
beside it, nothing is saved, what was typed stays), the counts grid and the request's lines."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person, Room
from core.forms import GridFormSet, PortalFormMixin
from standards.stock.choices import NAME_MAX_LENGTH, NOTE_MAX_LENGTH, QUANTITY_MAX, UNIT_MAX_LENGTH
from standards.stock.models import StockPlace


class PlaceForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = StockPlace
        fields = ["room", "name", "responsible", "lead_days"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(agency=agency).order_by("name")
        self.fields["responsible"].queryset = Person.objects.filter(agency=agency).order_by(
            "full_name"
        )


class ItemRowForm(forms.Form):
    """A row of the levels grid (section 1 of the standard, L1229)."""

    item_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Наименование"), max_length=NAME_MAX_LENGTH)
    unit = forms.CharField(label=_("Единица"), max_length=UNIT_MAX_LENGTH, initial="шт.")
    minimum = forms.IntegerField(label=_("Минимум"), min_value=0, max_value=QUANTITY_MAX)
    maximum = forms.IntegerField(label=_("Максимум"), min_value=0, max_value=QUANTITY_MAX)

    def clean(self):
        data = super().clean()
        if (
            data.get("minimum") is not None
            and data.get("maximum") is not None
            and data["minimum"] > data["maximum"]
        ):
            self.add_error("minimum", _("Минимальный уровень больше максимального."))
        return data


ItemFormSet = forms.formset_factory(ItemRowForm, extra=2, can_delete=True, formset=GridFormSet)


class CountsForm(forms.Form):
    """The counts grid of a place: one number per item, and the date of the count."""

    counted_on = forms.DateField(
        label=_("Дата пересчёта"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"count_{item.pk}"] = forms.IntegerField(
                label=item.name, min_value=0, max_value=QUANTITY_MAX, initial=item.count
            )

    def rows(self):
        return [(item, self[f"count_{item.pk}"]) for item in self.items]

    def counts(self) -> dict[int, int]:
        return {item.pk: self.cleaned_data[f"count_{item.pk}"] for item in self.items}


class LineRowForm(forms.Form):
    """A row of the request (Appendix 27: «Количество», «Примечание»)."""

    line_id = forms.IntegerField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Количество"), min_value=0, max_value=QUANTITY_MAX)
    note = forms.CharField(label=_("Примечание"), max_length=NOTE_MAX_LENGTH, required=False)


LineFormSet = forms.formset_factory(LineRowForm, extra=0, formset=GridFormSet)
