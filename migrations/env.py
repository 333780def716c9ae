"""Alembic environment: the URL comes from the caller (app.migrate) or the
environment's settings; the metadata from app.models and the feature packages' models."""

from alembic import context

import community.member_models  # noqa: F401 - the features' tables (the core imports no feature)
import community.models  # noqa: F401
import flashsale.models  # noqa: F401
import groupbuy.models  # noqa: F401
import live.models  # noqa: F401
import referral.models  # noqa: F401
from app.config import Settings
from app.db import make_engine
from app.models import Base

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
