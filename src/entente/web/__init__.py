"""entente's web dashboard and JSON API (FastAPI): ``create_app(db_path)``.

See ``docs/web.md`` for the routes and the supported concurrency mode.
"""

from entente.web.app import create_app

__all__ = ["create_app"]
