"""What the map page shows, computed once per workshop revision and viewer.

``map_view`` reads the rows (through the services, so permissions hold), orders the steps,
validates the graph, takes the per-step emotions the viewer may see, and builds the blueprint
figure. It is cached with ``st.cache_resource`` keyed on the database, the journey, the
workshop's change counter, who is looking (the permission check ran for exactly that viewer)
and the language: a rerun that changed nothing costs a cache hit.
"""

from __future__ import annotations

import streamlit as st

from journeymap.charts.blueprint import LANES, blueprint_spec
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Stage, Step, Transition
from journeymap.i18n import t
from journeymap.services import Actor
from journeymap.services.map_reads import map_outline
from journeymap.ui.state import get_store


def actor_key(a: Actor) -> tuple:
    return (a.kind, a.name, a.account_id, a.participant_id, a.workshop_id,
            a.role.value if a.role else None)


def _actor(key: tuple) -> Actor:
    kind, name, account_id, participant_id, workshop_id, role = key
    return Actor(kind, name, account_id=account_id, participant_id=participant_id,
                 workshop_id=workshop_id, role=None if role is None else _role(role))


def _role(value):
    from journeymap.domain.model import Role
    return Role(value)


def graph_of(rows: dict) -> JourneyGraph:
    """The journey graph over step ids (as text keys)."""
    stage_key = {s["id"]: str(s["id"]) for s in rows["stages"]}
    stages = [Stage(str(s["id"]), s["name"] or "?") for s in rows["stages"]]
    steps = [Step(key=str(s["id"]), stage=stage_key[s["stage_id"]], title=s["title"] or "?",
                  lane=s["lane"]) for s in rows["steps"]]
    transitions = [Transition(str(x["source_id"]), str(x["target_id"]), x["label"])
                   for x in rows["transitions"]]
    return JourneyGraph(stages, steps, transitions)


_STRUCTURE: dict[tuple, tuple[list[int], dict]] = {}


def order_and_report(rows: dict) -> tuple[list[int], dict]:
    """Canonical order and validation report, remembered per map structure (stage order,
    each step's stage, lane and position, the connections): most changes in a workshop
    (ratings, renames, people joining) leave the structure as it was."""
    sig = (tuple(s["id"] for s in rows["stages"]),
           tuple((s["id"], s["stage_id"], s["lane"]) for s in rows["steps"]),
           tuple((x["source_id"], x["target_id"]) for x in rows["transitions"]))
    hit = _STRUCTURE.get(sig)
    if hit is not None:
        return hit
    graph = graph_of(rows)
    order = [int(k) for k in graph.order()]
    report = graph.validate()
    result = (order, {"unreachable": [int(k) for k in report.unreachable],
                      "dead_ends": [int(k) for k in report.dead_ends],
                      "isolated": [int(k) for k in report.isolated],
                      "loops": [[int(k) for k in loop] for loop in report.loops]})
    if len(_STRUCTURE) > 64:
        _STRUCTURE.clear()
    _STRUCTURE[sig] = result
    return result


def compute_view(store, actor: Actor, journey_id: int, lang: str,
                 selected: int | None = None, stages: tuple[int, ...] | None = None) -> dict:
    """The uncached work of one map rerun (also what the benchmark times). ``stages``: the
    ids of the stages to draw (None: all); the rows, checks and order stay the whole map's."""
    rows = map_outline(store, actor, journey_id)
    emotions = rows.pop("emotions")
    order, report = order_and_report(rows)
    lived = {sid: m for sid, (m, _n) in emotions.get("lived", {}).items()}
    shown_stages, shown_steps, shown_links = rows["stages"], rows["steps"], rows["transitions"]
    if stages:
        keep = set(stages)
        shown_stages = [s for s in rows["stages"] if s["id"] in keep] or rows["stages"]
        keep = {s["id"] for s in shown_stages}
        shown_steps = [s for s in rows["steps"] if s["stage_id"] in keep]
        ids = {s["id"] for s in shown_steps}
        shown_links = [x for x in rows["transitions"]
                       if x["source_id"] in ids and x["target_id"] in ids]
    fig = blueprint_spec(
        shown_stages, shown_steps, shown_links, order=order, emotions=lived,
        lane_names={lane: t(f"lane.{lane}", lang) for lane in LANES},
        emotion_title=t("map.emotion_key", lang), moment_name=t("map.moment", lang),
        selected=selected)
    return {
        "rows": rows, "order": order,
        "report": report,
        "emotions": emotions, "figure": fig,
    }


@st.cache_resource(max_entries=64, show_spinner=False)
def map_view(db: str, journey_id: int, rev: int, who: tuple, lang: str,
             selected: int | None = None, stages: tuple[int, ...] | None = None) -> dict:
    """``compute_view`` cached per (database, journey, workshop revision, viewer, language,
    selection, stages shown).

    A resource cache, not a data cache: the view is handed out without copying (pages only
    read it), which saves unpickling a 300-step map on every rerun. The key holds the viewer,
    so the permission check inside ran for exactly who gets the result."""
    return compute_view(get_store(), _actor(who), journey_id, lang, selected, stages)
