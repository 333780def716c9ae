"""Schemathesis runs every operation of the app's own OpenAPI document
in-process (WSGI, no network) with the token of a seeded merchant's owner
(`merchant_id` pinned to that merchant, so staff operations get past 403),
and finds no server error and no answer the document does not describe:
status, content type, body schema (the error codes included) and the `Allow`
header of a 405.

Bounded and repeatable: the coverage phase (boundary values, missing and
wrong parameters, unlisted methods) and MAX_EXAMPLES fuzzed cases per
operation from a fixed seed, derandomized, no time budget (a time budget
would make the count depend on the machine). A 429 is fine where documented.
Signing out everywhere revokes the run's token, so that operation runs last.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from schemathesis.engine import from_schema as engine_for

from app.apidoc.spec import OPERATION_METHODS

SEED = 20240607
MAX_EXAMPLES = 25
LAST = {"method": "POST", "path": "/mp/v1/auth/logout-all"}
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "unsupported_method")


def _config(headers: dict, merchant_id: int) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "seed": SEED,
        "headers": headers,
        "parameters": {"merchant_id": merchant_id},
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True,
                       "no-shrink": True, "database": "none"},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
        "phases": {"examples": {"enabled": False}, "stateful": {"enabled": False},
                   "coverage": {"enabled": True}, "fuzzing": {"enabled": True}},
    })


@dataclass
class Run:
    operations: set[str] = field(default_factory=set)
    cases: int = 0
    failures: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def execute(self, schema) -> None:
        """Run the engine over `schema`, keeping what every scenario found."""
        for event in engine_for(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                self._record(event.recorder)
            elif isinstance(event, events.NonFatalError | events.FatalError):
                self.errors.append(repr(event))

    def _record(self, recorder) -> None:
        self.operations.add(recorder.label)
        self.cases += len(recorder.cases)
        for case_id, nodes in recorder.checks.items():
            for node in nodes:
                if node.failure_info is not None:
                    case = recorder.cases[case_id].value
                    self.failures.setdefault((recorder.label, node.name), []).append(
                        f"{case.method} {case.formatted_path} query={case.query} "
                        f"body={case.body!r:.200}: {node.failure_info.failure.message:.300}")

    def report(self) -> list[str]:
        return [f"{label} [{check}] x{len(found)}: {found[0]}"
                for (label, check), found in sorted(self.failures.items())]


def test_the_server_answers_as_its_document_says(app, make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Schemathesis keeps its run cache under the working dir
    merchant_id = make.merchant("fuzz-owner")
    make.product(merchant_id)
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app,
                                            config=_config(make.login("fuzz-owner"), merchant_id))
    started, run = time.monotonic(), Run()
    run.execute(schema.exclude(**LAST))
    run.execute(schema.include(**LAST))
    print(f"schemathesis: {len(run.operations)} operations, {run.cases} cases, "
          f"{time.monotonic() - started:.0f} s")
    documented = app.test_client().get("/openapi.json").json["paths"]
    assert len(run.operations) == sum(1 for item in documented.values()
                                      for method in item if method in OPERATION_METHODS)
    assert not run.errors, run.errors
    assert not run.report(), "\n".join(run.report())
