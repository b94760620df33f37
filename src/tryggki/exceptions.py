"""The domain error tree: each error has a stable code, an HTTP status and a translated message.

    DomainError
    ├── NotFound            404  the record does not exist (or is not visible to the caller)
    ├── NotAuthenticated    401  no valid session or API token
    ├── Forbidden           403  the caller's role or organisation does not allow it
    ├── Conflict            409  the record changed meanwhile, or a unique value is taken
    └── ValidationFailed    422  input is invalid; ``errors`` maps field → message

Services raise these; the web layer renders an HTML page or re-renders the form, the API layer a
problem+json document. Messages never contain personal data.
"""

from __future__ import annotations

from tryggki.i18n import gettext as _


class DomainError(Exception):
    """An expected failure that the user can act on."""

    code = "error"
    status = 400

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("The request could not be carried out.")
        super().__init__(self.code)


class NotFound(DomainError):
    """The record does not exist."""

    code = "not_found"
    status = 404

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The record was not found."))


class NotAuthenticated(DomainError):
    """No valid credentials."""

    code = "not_authenticated"
    status = 401

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("You must log in to do this."))


class Forbidden(DomainError):
    """Not allowed for this user."""

    code = "forbidden"
    status = 403

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("You do not have permission to do this."))


class Conflict(DomainError):
    """A concurrent change, or a record still in use."""

    code = "conflict"
    status = 409

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or _("Someone else changed this record meanwhile. Reload and try again.")
        )


class ValidationFailed(DomainError):
    """Invalid input: ``errors`` maps a field path (``benefits.0.title`` or ``row 3: title``)."""

    code = "validation_failed"
    status = 422

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        self.errors = errors
        super().__init__(message or _("Some fields need attention."))
