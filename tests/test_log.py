"""Diagnostics through logging: ``entente: message`` on the standard error in use."""

from __future__ import annotations

import logging

import click
import pytest
from click.testing import CliRunner

from entente.cli import cli
from entente.log import LOGGER, StderrHandler, configure_logging


@pytest.fixture
def restore_logger():
    logger = logging.getLogger(LOGGER)
    state = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = state[0], state[1], state[2]


def test_log_warnings_by_default_notes_with_verbose(restore_logger, capsys):
    log = logging.getLogger("entente.somewhere")
    configure_logging(0)
    log.warning("careful %s", "now")
    log.info("a note")
    assert capsys.readouterr().err == "entente: warning: careful now\n"
    configure_logging(1)
    log.info("a note")
    log.debug("detail")
    assert capsys.readouterr().err == "entente: a note\n"
    configure_logging(-1)
    log.warning("hidden")
    log.error("shown")
    assert capsys.readouterr().err == "entente: error: shown\n"
    assert sum(isinstance(h, StderrHandler) for h in logging.getLogger(LOGGER).handlers) == 1


def test_log_cli_options_reach_the_runner_stderr(restore_logger):
    @click.command("log-probe")
    def probe() -> None:
        logging.getLogger("entente.probe").warning("probe warning")
        logging.getLogger("entente.probe").info("probe note")

    cli.add_command(probe)
    try:
        default = CliRunner().invoke(cli, ["log-probe"])
        verbose = CliRunner().invoke(cli, ["-v", "log-probe"])
        quiet = CliRunner().invoke(cli, ["--quiet", "log-probe"])
    finally:
        cli.commands.pop("log-probe")
    assert (default.exit_code, verbose.exit_code, quiet.exit_code) == (0, 0, 0)
    assert default.stderr == "entente: warning: probe warning\n" and default.stdout == ""
    assert verbose.stderr == "entente: warning: probe warning\nentente: probe note\n"
    assert quiet.stderr == ""
