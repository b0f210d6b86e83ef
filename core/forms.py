import re

from django import forms
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GridError
from core.validators import (
    PROGRAMME_START,
    plan_horizon,
    today,
    validate_past_date,
    validate_plan_date,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PortalFormMixin:
    """Carries a service's ApplicationError back onto the form: one message per field, the
    rest as a form-wide error, so the user sees exactly what to fix and nothing is saved."""

    def add_application_error(self, error: ApplicationError):
        for field_name, message in error.details.items():
            messages = message if isinstance(message, list) else [message]
            for text in messages:
                self.add_error(field_name if field_name in self.fields else None, str(text))
        self.add_error(None, str(error.message))


def bound_past_date(field: forms.Field) -> None:
    """A date of something that happened: not before the order of 23.08.2011, not after today
    (core.validators); the browser's date picker is bounded the same way."""
    field.validators.append(validate_past_date)
    field.widget.attrs.update(min=PROGRAMME_START.isoformat(), max=today().isoformat())


def bound_plan_date(field: forms.Field) -> None:
    """A planned date or deadline: not before 23.08.2011, at most two years ahead."""
    field.validators.append(validate_plan_date)
    field.widget.attrs.update(min=PROGRAMME_START.isoformat(), max=plan_horizon().isoformat())


# --- Grids (formsets) ---------------------------------------------------------------------------
# A grid is a Django formset: a bad cell shows its own message beside it, nothing is saved, and
# what the person typed stays on the screen. The service takes the rows at once and refuses the
# grid as a whole (GridError, or details keyed "rows.<index>"), and add_grid_error puts each
# row's messages back beside its cells.

_ROW_KEY = re.compile(r"^(?:rows\.)?(\d+)(?:\.(\w+))?$")


class GridFormSet(forms.BaseFormSet):
    """The base of every grid: `filled()` is the rows the person touched (an untouched empty
    row is left out), in the order of the page."""

    def filled(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        """A cell has no <label> of its own (the column heading names it to the eye): each
        input is named for screen readers by its column and row (axe «label», critical)."""
        super().add_fields(form, index)
        row = index + 1 if index is not None else ""
        for field in form.fields.values():
            if not field.widget.is_hidden and "aria-label" not in field.widget.attrs:
                field.widget.attrs["aria-label"] = _("%(column)s, строка %(row)s") % {
                    "column": field.label or "",
                    "row": row,
                }


def add_grid_error(
    formset: forms.BaseFormSet, row_forms: list[forms.Form], error: ApplicationError
) -> None:
    """A service's refusal of a grid shown on it: each row's messages beside its cells (rows
    counted in `row_forms`, the forms that were sent to the service, in that order), the
    message above. The rows come from a GridError, or from details keyed "rows.<index>"
    (a message for the whole row) or "<index>.<field>"; other details go above the grid."""
    rows: dict[int, dict[str, str]] = {}
    above = []
    if isinstance(error, GridError):
        rows = error.rows
    else:
        for key, text in error.details.items():
            match = _ROW_KEY.match(str(key))
            if match and int(match.group(1)) < len(row_forms):
                rows.setdefault(int(match.group(1)), {})[match.group(2) or ""] = text
            else:
                above.append(text)
    for index, fields in rows.items():
        form = row_forms[index]
        for field, text in fields.items():
            form.add_error(field if field in form.fields else None, text)
    for text in above:
        formset.non_form_errors().append(str(text))
    formset.non_form_errors().append(str(error.message))


def choose_among(form: forms.Form, field_name: str, choices) -> None:
    """A list filter's id field (core.filters.IdFilter) offered as a choice among `choices`,
    (id, name) pairs the user may see, with «—» for «all»: the API keeps its number, the page
    shows names."""
    form.fields[field_name].widget = forms.Select(choices=[("", "—"), *choices])
