"""The portal's error types for broken business rules.

Services raise ApplicationError with a message for the user (in their language) and, where the
error concerns particular fields or cells, `details` mapping each to its own message. Views turn
it into form errors, the API into a 400 response.

ConflictError is the kind of ApplicationError raised when the record's state no longer allows
the action (signing a signed sheet, approving an approved plan, creating what already exists
once per record): the API answers 409 (../shared/API.md, «Responses and errors»), pages show the
message like any other refusal.
"""


class ApplicationError(Exception):
    def __init__(self, message, details=None):
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def __str__(self):
        return str(self.message)


class ConflictError(ApplicationError):
    """The action is refused because of the record's current state (HTTP 409)."""


class GridError(ApplicationError):
    """A grid of rows refused as a whole (nothing saved): `rows` maps the index of each row
    that failed, in the order given, to its field messages. `details` flattens them to
    "<index>.<field>" for the API. Pages put each row's messages beside its cells
    (core.forms.add_grid_error)."""

    def __init__(self, message: str, rows: dict[int, dict[str, str]]):
        super().__init__(
            message,
            {
                f"{index}.{field}": text
                for index, fields in sorted(rows.items())
                for field, text in fields.items()
            },
        )
        self.rows = rows
