"""Diagnostics go through :mod:`logging`: each module logs to ``logging.getLogger(__name__)``.

The ``entente`` command calls :func:`configure_logging` once, which sends the ``entente``
loggers to standard error as ``entente: message`` (``entente: warning: message`` from
warnings up). Warnings show by default; ``-v`` adds notes, ``-vv`` debugging, ``--quiet``
leaves only errors. Used as a library, entente configures nothing: the application decides.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

LOGGER = "entente"


class StderrHandler(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is when a record is emitted.

    ``click.testing.CliRunner`` (and pytest's capture) replace ``sys.stderr`` after the handler
    exists; looking it up on each write sends records to the stream in use.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:  # StreamHandler.__init__ and setStream assign it
        pass


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = super().format(record)
        if record.levelno >= logging.WARNING:
            return f"entente: {record.levelname.lower()}: {message}"
        return f"entente: {message}"


def level_for(verbosity: int) -> int:
    """The level for a verbosity: -1 (``--quiet``) errors, 0 warnings, 1 info, 2+ debug."""
    if verbosity < 0:
        return logging.ERROR
    return (logging.WARNING, logging.INFO)[verbosity] if verbosity < 2 else logging.DEBUG


def configure_logging(verbosity: int = 0) -> logging.Logger:
    """Send the ``entente`` loggers to standard error at the level ``verbosity`` gives.

    Safe to call more than once (each call replaces the handler the previous one installed).
    RETURNS (logging.Logger): the ``entente`` logger.
    """
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, StderrHandler)]:
        logger.removeHandler(handler)
    handler = StderrHandler()
    handler.setFormatter(_Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level_for(verbosity))
    logger.propagate = False  # the command owns standard error; no second copy through the root logger
    return logger
