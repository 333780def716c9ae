"""The Feature contract: everything a feature plugs into the app, in one
description that its package's `feature.py` declares.

`create_app` installs each feature of `app.features.FEATURES` in order;
`worker.py` takes the sweeps and `migrations/env.py` the models from the
same list. Adding a feature is one `feature.py` and one line in that list;
nothing else in the core, the worker or the migrations names a feature.

`install` hands each part to the one core registry that owns it; the core
defines those registries and never imports a feature.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import click
from flask import Flask

from app import events, offers
from app.exports import kinds as export_kinds
from app.orders import holdings, pricing, sources
from app.queue import declare
from app.sharing import targets
from app.subscribe_messages.templates import register_target


class Sweep(NamedTuple):
    """A periodic job (run by the worker's cron) that catches what lost jobs missed."""

    job: Callable
    queue: str
    every_s: int


@dataclass(frozen=True)
class CheckoutStep:
    """A pricing step of new orders (app/orders/pricing.py)."""

    name: str
    step: pricing.Step
    rank: int
    asks: tuple[str, ...] = ()


def _none() -> Mapping:
    return {}


@dataclass(frozen=True)
class Feature:
    name: str
    blueprints: tuple = ()  # API blueprints (flask-smorest: in the OpenAPI document)
    pages: tuple = ()  # plain Flask blueprints (HTML pages, static files)
    sockets: tuple[str, ...] = ()  # modules whose import registers Socket.IO handlers
    handlers: tuple[events.Handler, ...] = ()  # domain events, after the commit
    holdings: tuple[holdings.Holding, ...] = ()  # what an order holds, in its transaction
    jobs: tuple[Callable, ...] = ()  # RQ jobs, enqueued by name (app.queue.enqueue)
    sweeps: tuple[Sweep, ...] = ()
    models: tuple[str, ...] = ()  # modules declaring the feature's tables
    order_sources: Mapping[str, sources.Resolver] = field(default_factory=_none)
    share_targets: Mapping[str, targets.Describe] = field(default_factory=_none)
    remind_targets: Mapping[str, Callable] = field(default_factory=_none)
    offers: Mapping[str, offers.Lookup] = field(default_factory=_none)
    checkout_steps: tuple[CheckoutStep, ...] = ()
    exports: tuple[export_kinds.Kind, ...] = ()  # kinds of staff export (app/exports)
    startup_checks: tuple[Callable[[], object], ...] = ()  # in the app context; never fatal
    commands: tuple[click.Command, ...] = ()
    setup: Callable[[Flask], None] | None = None  # per-app state: engines, WSGI layers
    # the run command's demo data and files: demo(settings, session, now), idempotent
    demo: Callable | None = None

    def load_sockets(self) -> None:
        """Import the Socket.IO handler modules. Before the server is bound
        (create_app does this first), so that every app made in the process
        has them: Flask-SocketIO keeps handlers registered without a server
        and gives them to each server it makes."""
        for module in self.sockets:
            importlib.import_module(module)

    def install(self, app: Flask, api) -> None:
        """Idempotent per registry (each keeps one entry per name)."""
        if self.setup is not None:
            self.setup(app)
        for bp in self.blueprints:
            api.register_blueprint(bp)
        for bp in self.pages:
            app.register_blueprint(bp)
        self._register()
        for command in self.commands:
            app.cli.add_command(command)

    def _register(self) -> None:
        for handler in self.handlers:
            events.subscribe(handler)
        for holding in self.holdings:
            holdings.register(holding)
        for job in (*self.jobs, *(s.job for s in self.sweeps)):
            declare(job)
        for kind, resolver in self.order_sources.items():
            sources.register(kind, resolver)
        for kind, describe in self.share_targets.items():
            targets.register(kind, describe)
        for kind, lookup in self.remind_targets.items():
            register_target(kind, lookup)
        for kind, lookup in self.offers.items():
            offers.register(kind, lookup)
        for kind in self.exports:
            export_kinds.register(kind)
        for step in self.checkout_steps:
            pricing.register(step.name, step.step, rank=step.rank, asks=step.asks)
