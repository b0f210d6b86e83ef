from django import forms

from core.exceptions import ApplicationError


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
