"""The Alembic migrations build exactly the schema the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.db import Base


def test_migrations_match_the_models(app):
    engine = app.extensions["mall.db"].engine
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_schema_is_at_head(app):
    from alembic.script import ScriptDirectory

    from app.migrate import alembic_config

    cfg = alembic_config(app.extensions["mall.settings"].database_url)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with app.extensions["mall.db"].engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
