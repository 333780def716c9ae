"""Alembic environment: the URL comes from the caller (app.migrate) or the
environment's settings; the metadata from every feature's models
(app.features.FEATURES, the core's included)."""

import importlib

from alembic import context

from app.config import Settings
from app.db import Base, make_engine
from app.features import FEATURES

for feature in FEATURES:
    for module in feature.models:
        importlib.import_module(module)

config = context.config
url = config.attributes.get("database_url") or Settings.from_env().database_url


def run_migrations_online() -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=connection.dialect.name == "sqlite",
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
