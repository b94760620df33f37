"""Alembic environment: runs on the connection or URL handed over by ``tryggki.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import tryggki.models  # noqa: F401 - registers every table on the metadata
from tryggki.db.base import Base
from tryggki.db.session import make_engine

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Run migrations online on the given connection or a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


run()
