"""The journey as a directed graph (networkx): canonical order, entries, exits, validation, paths.

>>> from journeymap.domain.model import Stage, Step, Transition
>>> g = JourneyGraph([Stage("a", "A"), Stage("b", "B")],
...                  [Step("x", "b", "X"), Step("y", "a", "Y"), Step("z", "a", "Z")],
...                  [Transition("z", "y"), Transition("y", "x")])
>>> g.order()
['z', 'y', 'x']
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import networkx as nx

from .model import Stage, Step, Transition


@dataclass
class ValidationReport:
    """What a facilitator should look at; nothing here forbids saving the map."""

    unreachable: list[str] = field(default_factory=list)
    dead_ends: list[str] = field(default_factory=list)
    loops: list[list[str]] = field(default_factory=list)
    isolated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unreachable or self.dead_ends or self.isolated)


class JourneyGraph:
    """Steps as nodes, transitions as edges; stages give the coarse order."""

    def __init__(self, stages: Sequence[Stage], steps: Sequence[Step],
                 transitions: Iterable[Transition]):
        self.stages = list(stages)
        self.steps = list(steps)
        self._stage_index = {s.key: i for i, s in enumerate(self.stages)}
        self._list_index = {s.key: i for i, s in enumerate(self.steps)}
        self.g = nx.DiGraph()
        for s in self.steps:
            self.g.add_node(s.key, stage=s.stage, lane=str(s.lane))
        for t in transitions:
            if t.source in self.g and t.target in self.g:
                self.g.add_edge(t.source, t.target, label=t.label)
        self._order: list[str] | None = None

    @classmethod
    def of(cls, journey) -> "JourneyGraph":
        return cls(journey.stages, journey.steps, journey.transitions)

    # order -------------------------------------------------------------------------------
    def order(self) -> list[str]:
        """Canonical step order: stage order first; within a stage, follow the transitions
        (a topological order of the stage's steps, loops broken at their latest-listed edge),
        ties kept in the order the steps were listed."""
        if self._order is not None:
            return self._order
        by_stage: dict[int, list[str]] = {}
        for s in self.steps:
            by_stage.setdefault(self._stage_index.get(s.stage, len(self.stages)), []).append(s.key)
        out: list[str] = []
        for idx in sorted(by_stage):
            keys = by_stage[idx]
            sub = nx.DiGraph()
            sub.add_nodes_from(keys)
            sub.add_edges_from(self.g.subgraph(keys).edges)
            while not nx.is_directed_acyclic_graph(sub):
                cycle = nx.find_cycle(sub)
                u, v = max(cycle, key=lambda e: (self._list_index[e[0]] > self._list_index[e[1]],
                                                 self._list_index[e[0]]))
                sub.remove_edge(u, v)
            out.extend(nx.lexicographical_topological_sort(sub, key=lambda k: self._list_index[k]))
        self._order = out
        return out

    def position(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.order())}

    # entries, exits ----------------------------------------------------------------------
    def entries(self) -> list[str]:
        """Steps nothing leads to; if every step has a predecessor, the first in order."""
        order = self.order()
        found = [k for k in order if self.g.in_degree(k) == 0]
        return found or order[:1]

    def exits(self) -> list[str]:
        """Steps that lead nowhere and stand in the last stage that has steps."""
        order = self.order()
        if not order:
            return []
        last = max(self._stage_index.get(self.g.nodes[k]["stage"], 0) for k in order)
        return [k for k in order if self.g.out_degree(k) == 0
                and self._stage_index.get(self.g.nodes[k]["stage"], 0) == last]

    # validation --------------------------------------------------------------------------
    def validate(self, max_loops: int = 20) -> ValidationReport:
        order = self.order()
        report = ValidationReport()
        if not order:
            return report
        has_edges = self.g.number_of_edges() > 0
        if has_edges:
            report.isolated = [k for k in order if self.g.degree(k) == 0]
            reach: set[str] = set()
            for e in self.entries():
                if self.g.degree(e) == 0:
                    continue
                reach |= {e} | nx.descendants(self.g, e)
            report.unreachable = [k for k in order if k not in reach and k not in report.isolated]
            exits = set(self.exits())
            report.dead_ends = [k for k in order if self.g.out_degree(k) == 0
                                and self.g.in_degree(k) > 0 and k not in exits]
        pos = self.position()
        for cyc in itertools.islice(nx.simple_cycles(self.g), max_loops):
            start = min(range(len(cyc)), key=lambda i: pos[cyc[i]])
            report.loops.append(cyc[start:] + cyc[:start])
        report.loops.sort(key=lambda c: [pos[k] for k in c])
        return report

    # paths -------------------------------------------------------------------------------
    def paths(self, limit: int = 100, max_length: int | None = None) -> list[list[str]]:
        """Up to ``limit`` simple paths from an entry to an exit, in a stable order."""
        exits = self.exits()
        out: list[list[str]] = []
        for e in self.entries():
            targets = [x for x in exits if x != e]
            if e in exits:
                out.append([e])
            if not targets:
                continue
            for p in nx.all_simple_paths(self.g, e, targets, cutoff=max_length):
                out.append(p)
                if len(out) >= limit:
                    return out
        return out[:limit]
