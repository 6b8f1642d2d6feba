"""``entente serve``: the dashboard and JSON API over a store (read-only by default)."""

from __future__ import annotations

import logging
import os

import click

from entente.settings import token as env_token

logger = logging.getLogger(__name__)


@click.command("serve")
@click.option("--db", envvar="ENTENTE_DB", type=click.Path(dir_okay=False),
              help="DuckDB store (default: $ENTENTE_DB or ./entente.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default keeps the dashboard on this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-writes", is_flag=True, help="Enable POST /api/ingest (needs --token-env).")
@click.option("--token-env", metavar="VAR", help="Environment variable holding the bearer token for writes.")
def serve_cli(db: str | None, host: str, port: int, allow_writes: bool, token_env: str | None) -> None:
    """Serve the dashboard and JSON API over the store (read-only unless --allow-writes)."""
    import uvicorn

    from entente.store import default_db_path
    from entente.web import create_app

    token = None
    if allow_writes:
        if not token_env:
            raise click.BadParameter("--allow-writes needs --token-env VAR (the token is never given on the"
                                     " command line)", param_hint="--token-env")
        token = env_token(token_env)
        if not token or len(token) < 16:
            raise click.BadParameter(f"${token_env} must hold a token of at least 16 characters",
                                     param_hint="--token-env")
    path = db or str(default_db_path())
    if not allow_writes and not os.path.exists(path):
        raise click.ClickException(f"no store at {path}; run `entente ingest ... --db {path}` first")
    from entente.web.app import LOOPBACK_HOSTS

    loopback = host in LOOPBACK_HOSTS
    app = create_app(path, allow_writes=allow_writes, token=token, hosts=LOOPBACK_HOSTS if loopback else None)
    if not loopback:
        logger.warning("serving on %s, reachable from other machines", host)
    access = "writes allowed" if allow_writes else "read-only"
    click.echo(f"entente: serving {path} on http://{host}:{port}/ ({access})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
