"""The one error type for broken business rules.

Services raise ApplicationError with a message for the user (in their language) and, where the
error concerns particular fields or cells, `details` mapping each to its own message. Views turn
it into form errors, the API into a 400 response.
"""


class ApplicationError(Exception):
    def __init__(self, message, details=None):
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def __str__(self):
        return str(self.message)
