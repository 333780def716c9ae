"""The feature contract: one list of features, each declared once, is what
the app, the worker and the migrations run on."""

from __future__ import annotations

import importlib

import pytest

import worker
from app import events, queue
from app.db import Base
from app.feature import Feature
from app.features import FEATURES


def test_each_feature_is_named_once():
    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names)) and all(isinstance(f, Feature) for f in FEATURES)


def test_the_worker_runs_every_features_sweeps_and_nothing_else():
    assert [s for f in FEATURES for s in f.sweeps] == worker.SWEEPS
    assert all(queue.job_name(s.job) in queue.declared() for s in worker.SWEEPS)
    assert {s.queue for s in worker.SWEEPS} <= set(queue.QUEUES)


def test_every_declared_job_resolves_by_its_name(app):
    for name in queue.declared():
        module, _, func = name.rpartition(".")
        assert callable(getattr(importlib.import_module(module), func)), name


def test_a_job_no_feature_declared_is_refused(app):
    with pytest.raises(KeyError, match="declared by no feature"):
        queue.enqueue(None, "app.orders.jobs.no_such_job", 1, queue="orders", job_id="x")


def test_the_migrations_see_every_features_tables(app):
    declared = {t for f in FEATURES for m in f.models
                for t in vars(importlib.import_module(m)).values()
                if isinstance(t, type) and issubclass(t, Base) and t is not Base}
    assert {m.__table__.name for m in declared} == set(Base.metadata.tables)


def test_every_event_handler_is_named_for_its_feature(app):
    features = {f.name for f in FEATURES}
    for handler in events.registered().values():
        assert handler.feature in features, handler.name
        assert handler.event in events.EVENTS.values()


def test_every_api_blueprint_of_every_feature_is_served(app):
    served = set(app.blueprints)
    assert {bp.name for f in FEATURES for bp in (*f.blueprints, *f.pages)} <= served
