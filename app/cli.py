"""The platform's operator commands: `flask --app app:create_app <command>`
(each feature adds its own through its `feature.py`)."""

from __future__ import annotations

import click
from flask import Flask, current_app

from app import clock, demo
from app.db import transaction
from app.features import FEATURES
from app.migrate import upgrade
from app.uploads.demo_pictures import Pictures


def register(app: Flask) -> None:
    app.cli.add_command(db_upgrade)
    app.cli.add_command(seed_demo)


@click.command("db-upgrade")
def db_upgrade():
    """Apply every migration."""
    upgrade(current_app.extensions["mall.settings"].database_url)
    click.echo("database at head")


@click.command("seed-demo")
def seed_demo():
    """Load the demo merchant, products and users (idempotent)."""
    with transaction() as session:
        pictures = Pictures(current_app.extensions["uploads.storage"],
                            current_app.extensions["mall.settings"].public_base_url)
        added = demo.seed(session, clock.now(), pictures)
        for feature in FEATURES:
            if feature.demo is not None:
                feature.demo(current_app.extensions["mall.settings"], session, clock.now())
    click.echo("demo data loaded" if added else "demo data already present")
