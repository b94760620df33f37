"""Keeps message content out of every log line.

The gateway itself logs only metadata. This filter is the safety net for everything else
(servers, HTTP clients, a debug setting turned on in a hurry): a line that looks like it carries
a request or answer body is replaced by a notice before any handler writes it.
"""

from __future__ import annotations

import logging

_MARKERS = ('"messages"', '"content"', '"input"', '"arguments"', "⟦", "'messages'", "'content'")
_MAX = 400
WITHHELD = "[withheld: the log line may hold message content]"
_LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "httpcore", "tryggki")


class NoContentFilter(logging.Filter):
    """Replace log lines that may quote a body."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record, but without content."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: drop its arguments rather than guess
            message = WITHHELD
        if message is WITHHELD or len(message) > _MAX or any(m in message for m in _MARKERS):
            record.msg, record.args = WITHHELD, None
        return True


FILTER = NoContentFilter()


def install() -> NoContentFilter:
    """Attach the filter to the gateway's loggers and to every handler they write through."""
    flt = FILTER
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if flt not in logger.filters:
            logger.addFilter(flt)
        for handler in logger.handlers:
            if flt not in handler.filters:
                handler.addFilter(flt)
    return flt
