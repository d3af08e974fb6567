"""Warnings about records skipped as bad: where they go is the face's choice (issue 12).

The store and the service call `warn`; the CLI sends the warnings to stderr
(`warnings_to`), a web page collects them to show (`collecting`); with neither they are
logged. A ContextVar, so each web request (each thread) has its own collector.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Sink = Callable[[str], None]
_sink: ContextVar[Sink | None] = ContextVar("followup_warning_sink", default=None)
_log = logging.getLogger("followup")


def warn(message: str) -> None:
    sink = _sink.get()
    if sink is None:
        _log.warning(message)
    else:
        sink(message)


@contextmanager
def warnings_to(sink: Sink) -> Iterator[None]:
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """The warnings given inside the block, each once, in order."""
    found: list[str] = []

    def keep(message: str) -> None:
        if message not in found:
            found.append(message)

    with warnings_to(keep):
        yield found
