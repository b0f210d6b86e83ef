from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person, Room
from core.forms import DateInput, PortalFormMixin


class TeamForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label=_("Наименование 5S-команды"), max_length=300)
    agencies = forms.ModelMultipleChoiceField(
        label=_("ОИВ ЯО / СППО"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    leader = forms.ModelChoiceField(label=_("Лидер 5S-команды"), queryset=Person.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Члены 5S-команды"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    storage_keeper = forms.ModelChoiceField(
        label=_("Ответственный за зону временного хранения"),
        queryset=Person.objects.none(),
        required=False,
    )
    period_start = forms.DateField(label=_("Начало периода работы"), widget=DateInput)
    period_end = forms.DateField(
        label=_("Окончание периода работы"), widget=DateInput, required=False
    )
    order_number = forms.CharField(
        label=_("Номер приказа о развёртывании"), max_length=50, required=False
    )
    order_date = forms.DateField(
        label=_("Дата приказа о развёртывании"), widget=DateInput, required=False
    )
    deployment_start = forms.DateField(
        label=_("Дата начала развёртывания системы 5S"), widget=DateInput, required=False
    )

    def __init__(self, *args, agencies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
        for name in ("leader", "members", "storage_keeper"):
            self.fields[name].queryset = people
        self.fields["members"].label_from_instance = _person_label
        self.fields["leader"].label_from_instance = _person_label
        self.fields["storage_keeper"].label_from_instance = _person_label


def _person_label(person):
    attended = getattr(person, "sessions_attended", 0)
    trained = "" if person.is_trained or attended else " — " + str(_("не обучен(а)"))
    return f"{person.full_name}, {person.position} ({person.agency.short_name}){trained}"


class PersonForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "position", "position_level", "trained_on", "council_role"]
        widgets = {"trained_on": DateInput}


class WorkingGroupForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label=_("Наименование"), max_length=500)
    head = forms.ModelChoiceField(
        label=_("Руководитель рабочей группы"), queryset=Person.objects.none()
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Члены рабочей группы"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 16}),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = people
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = _person_label
        self.fields["head"].label_from_instance = _person_label


class RoomForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "kind", "area", "common_area", "single_workplace"]
        help_texts = {
            "name": _("Номер кабинета, при его отсутствии — наименование помещения."),
        }
