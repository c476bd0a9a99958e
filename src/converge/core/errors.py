"""Exceptions that name what went wrong, separating bad input from bugs."""


class ConvergeError(Exception):
    """Base of every error Converge raises on purpose; edges turn these into messages.

    `field` names the input the message is about (a form's "reason", "text", "review_date"...), so a web
    form can show the message beside that field rather than on a page of its own.
    """

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


class ParseError(ConvergeError):
    """The file could not be read as a policy document (corrupt, encrypted, no text...)."""


class UnsupportedFormat(ParseError):
    """No parser handles this kind of file."""


class NeedsConverter(UnsupportedFormat):
    """A legacy format needs LibreOffice, which is not installed."""


class InputTooLarge(ParseError):
    """A file or archive exceeds a configured limit."""


class UnsafeArchive(ParseError):
    """A zip archive tries to escape its folder or is a compression bomb."""


class MatchError(ConvergeError):
    """Matching could not run on the given input."""


class ReviewError(ConvergeError):
    """An illegal workflow transition or decision."""


class NotFound(ConvergeError):
    """A requested document, group or user does not exist."""
