from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audits.itdata.api import MAX_WORKPLACES
from core.forms import PortalFormMixin


class ITRecordForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label=_("ОИВ ЯО / СППО"), queryset=Agency.objects.order_by("short_name", "pk")
    )
    workplaces = forms.IntegerField(
        label=_("Рабочих мест всего"), min_value=1, max_value=MAX_WORKPLACES
    )
    compliant = forms.IntegerField(
        label=_("Из них соответствуют ИТ-стандарту"), min_value=0, max_value=MAX_WORKPLACES
    )


class ITImportForm(PortalFormMixin, forms.Form):
    file = forms.FileField(label=_("Заполненный шаблон за месяц (XLSX)"))
