"""An import-linter contract: no import cycle between any modules of the
root packages, imports inside functions included (import-linter's own
`acyclic_siblings` works on packages). Registered in `.importlinter` as
`acyclic_modules`."""

from __future__ import annotations

from importlinter.application import output
from importlinter.domain.contract import Contract, ContractCheck


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    def check(self, graph, verbose: bool) -> ContractCheck:
        edges = {module: set(graph.find_modules_directly_imported_by(module))
                 for module in graph.modules}
        found = cycles(edges)
        return ContractCheck(kept=not found, warnings=[], metadata={"cycles": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for component in check.metadata["cycles"]:
            output.print_error("These modules import each other: " + ", ".join(component))
            output.new_line()
