"""The map page's parts: validation report, step/stage/transition editors, the table editor,
the personal-link notice. User text is always shown as text (``st.text``, dataframes, widget
values), never as Markdown or HTML."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.charts.blueprint import LANES
from journeymap.domain.errors import JourneymapError, StaleEdit
from journeymap.services import (
    add_stage,
    add_step,
    add_transition,
    delete_stage,
    delete_step,
    label_transition,
    move_stage,
    move_step,
    remove_transition,
    rename_stage,
    step_dependents,
    update_step,
)
from journeymap.services.map_editing import bulk_save_steps
from journeymap.ui import components
from journeymap.ui.map_links import personal_link
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

FIELDS = ("title", "stage_id", "lane", "channel", "moment_of_truth", "description")


def _title(steps: dict, sid: int) -> str:
    s = steps.get(sid)
    return s["title"] if s else "?"


def _done(ws_id: int, message: str | None = None) -> None:
    components.mark_seen(ws_id)
    if message:
        st.toast(message)
    st.rerun()


# personal link ----------------------------------------------------------------------------

def personal_link_box() -> None:
    """Right after joining: the participant's own link, until they say they have kept it."""
    token = st.session_state.get("personal_token")
    if not (st.session_state.get("just_joined") and token):
        return
    with st.container(border=True, key="personal_box"):
        st.subheader(tr("personal.title"), anchor=False)
        st.write(tr("personal.body"))
        st.code(personal_link(token), language=None, wrap_lines=True)
        if st.button(tr("map.personal_done"), key="personal_done"):
            st.session_state.pop("just_joined", None)
            st.rerun()


# validation report ------------------------------------------------------------------------

def show_report(view: dict, steps: dict) -> None:
    r = view["report"]
    st.subheader(tr("map.report_title"), anchor=False)
    n_steps, n_links = len(view["rows"]["steps"]), len(view["rows"]["transitions"])
    st.caption(tr("map.counts", steps=n_steps, stages=len(view["rows"]["stages"]),
                  transitions=n_links))
    if not n_steps:
        st.info(tr("map.report_empty"))
        return
    if n_steps > 1 and not n_links:
        # nothing to check yet: say so, rather than "nothing to fix" beside "0 connections"
        st.info(tr("map.report_no_links"))
    elif not any(r.values()):
        st.success(tr("map.report_ok"))
    for kind in ("isolated", "unreachable", "dead_ends"):
        ids = r[kind]
        if ids:
            st.warning(tr(f"map.report_{kind}", n=len(ids)))
            st.text("\n".join("• " + _title(steps, i) for i in ids[:12])
                    + ("\n…" if len(ids) > 12 else ""))
    if r["loops"]:
        st.info(tr("map.report_loops", n=len(r["loops"])))
        st.text("\n".join("↻ " + " → ".join(_title(steps, i) for i in loop[:6])
                          + (" → …" if len(loop) > 6 else "")
                          for loop in r["loops"][:8]))
    lived = view["emotions"].get("lived")
    if lived:
        st.caption(tr("map.legend_emotion"))


# one step ---------------------------------------------------------------------------------

def _stage_label(stages: dict):
    return lambda i: stages[i]["name"] if i in stages else "?"


def _lane_label(v: str) -> str:
    return tr(f"lane.{v}")


def _step_picker(steps: dict, stages: dict, order: list[int]) -> int | None:
    if not steps:
        st.info(tr("map.no_steps"))
        return None
    options = [i for i in order if i in steps]
    if st.session_state.get("map_step_pick") not in steps:
        st.session_state.pop("map_step_pick", None)
    extra = {} if "map_step_pick" in st.session_state else {"index": None}
    return st.selectbox(
        tr("map.pick_step"), options, key="map_step_pick", **extra,
        placeholder=tr("map.pick_step_placeholder"),
        format_func=lambda i: f"{stages[steps[i]['stage_id']]['name']} · {steps[i]['title']}")


def step_details(steps: dict, stages: dict, order: list[int]) -> None:
    """Read-only: the chosen step's full text."""
    sid = _step_picker(steps, stages, order)
    if sid is None:
        return
    s = steps[sid]
    with st.container(border=True):
        st.text(s["title"])
        st.caption(esc(f"{stages[s['stage_id']]['name']} · {_lane_label(s['lane'])}"
                       + (f" · {s['channel']}" if s["channel"] else ""))
                   + (f" · ★ {tr('map.moment')}" if s["moment_of_truth"] else ""))
        if s["description"]:
            st.text(s["description"])


def _load_into_form(s: dict) -> None:
    sid = s["id"]
    for f in FIELDS:
        st.session_state[f"se_{f}_{sid}"] = s[f]
    st.session_state.setdefault("map_base", {})[sid] = s["version"]


def step_editor(actor, journey_id: int, ws_id: int, steps: dict, stages: dict,
                order: list[int]) -> None:
    sid = _step_picker(steps, stages, order)
    if sid is None:
        return
    s = steps[sid]
    base = st.session_state.setdefault("map_base", {})
    if sid not in base:
        _load_into_form(s)
    stale = st.session_state.setdefault("map_stale", {}).get(sid)
    stage_ids = list(stages)
    with st.form(f"step_form_{sid}", border=True):
        st.text_input(tr("map.f_title"), key=f"se_title_{sid}", max_chars=300)
        c1, c2, c3 = st.columns(3)
        with c1:
            st.selectbox(tr("map.f_stage"), stage_ids, key=f"se_stage_id_{sid}",
                         format_func=_stage_label(stages))
        with c2:
            st.selectbox(tr("map.f_lane"), list(LANES), key=f"se_lane_{sid}",
                         format_func=_lane_label)
        with c3:
            st.text_input(tr("map.f_channel"), key=f"se_channel_{sid}", max_chars=60)
        st.checkbox(tr("map.f_moment"), key=f"se_moment_of_truth_{sid}")
        st.text_area(tr("map.f_description"), key=f"se_description_{sid}", height=90)
        save = st.form_submit_button(tr("map.save_step") if not stale else tr("map.reapply"),
                                     type="primary", key=f"se_save_{sid}")
    if save:
        changes = {f: st.session_state[f"se_{f}_{sid}"] for f in FIELDS}
        try:
            row = update_step(get_store(), actor, sid, base[sid], **changes)
        except StaleEdit as e:
            cur = e.current
            base[sid] = cur["version"]
            st.session_state["map_stale"][sid] = {
                "who": e.changed_by or "", "current": {f: cur.get(f) for f in FIELDS}}
            stale = st.session_state["map_stale"][sid]
        except JourneymapError as e:
            components.show_error(e)
        else:
            base[sid] = row["version"]
            st.session_state["map_stale"].pop(sid, None)
            _done(ws_id, tr("map.saved"))
    if s["version"] != base[sid] and not stale:
        # someone saved this step since it was opened here: say so, keep what is typed
        st.info(tr("map.changed_meanwhile", who=s["updated_by"] or tr("error.someone")))
        _show_current(s, stages)
        if st.button(tr("map.load_new"), key=f"se_load_{sid}"):
            _load_into_form(s)
            st.rerun()
    if stale:
        st.warning(tr("error.stale", who=stale["who"] or tr("error.someone")))
        st.caption(tr("map.their_version"))
        _show_current(dict(stale["current"]), stages)
        st.caption(tr("map.reapply_hint"))
        if st.button(tr("map.take_theirs"), key=f"se_take_{sid}"):
            st.session_state["map_stale"].pop(sid, None)
            _load_into_form(s)
            st.rerun()
    b1, b2, b3 = st.columns(3)
    if b1.button(tr("map.earlier"), key=f"se_up_{sid}", width="stretch"):
        _run(lambda: move_step(get_store(), actor, sid, -1), ws_id)
    if b2.button(tr("map.later"), key=f"se_down_{sid}", width="stretch"):
        _run(lambda: move_step(get_store(), actor, sid, +1), ws_id)
    if b3.button(tr("map.delete_step"), key=f"se_del_{sid}", width="stretch"):
        st.session_state["map_confirm_delete"] = sid
    if st.session_state.get("map_confirm_delete") == sid:
        _confirm_delete(actor, ws_id, sid, s["title"])


def _show_current(s: dict, stages: dict) -> None:
    with st.container(border=True):
        st.text(s.get("title") or "")
        stage = stages.get(s.get("stage_id"), {}).get("name", "?")
        st.caption(esc(f"{stage} · {_lane_label(s.get('lane') or 'customer')}"
                       + (f" · {s['channel']}" if s.get("channel") else ""))
                   + (f" · ★ {tr('map.moment')}" if s.get("moment_of_truth") else ""))
        if s.get("description"):
            st.text(s["description"])


def _run(fn, ws_id: int, message: str | None = None) -> None:
    try:
        fn()
    except JourneymapError as e:
        components.show_error(e)
    else:
        _done(ws_id, message)


def _clear_delete():
    st.session_state.pop("map_confirm_delete", None)


@st.dialog(" ", on_dismiss=_clear_delete)
def _confirm_delete(actor, ws_id: int, sid: int, title: str) -> None:
    st.subheader(tr("map.delete_title"), anchor=False)
    st.text(title)
    try:
        dep = step_dependents(get_store(), actor, sid)
    except JourneymapError as e:
        components.show_error(e)
        return
    st.write(tr("map.delete_body", ratings=dep["ratings"], pain_points=dep["pain_points"],
                highlights=dep["highlights"], transitions=dep["transitions"]))
    c1, c2 = st.columns(2)
    if c1.button(tr("common.delete"), type="primary", key="confirm_delete_yes",
                 width="stretch"):
        _clear_delete()
        st.session_state["map_pick_next"] = None
        _run(lambda: delete_step(get_store(), actor, sid), ws_id, tr("map.deleted"))
    if c2.button(tr("common.cancel"), key="confirm_delete_no", width="stretch"):
        _clear_delete()
        st.rerun()


def step_add_form(actor, journey_id: int, ws_id: int, steps: dict, stages: dict,
                  order: list[int]) -> None:
    if not stages:
        st.info(tr("map.need_stage"))
        return
    with st.form("add_step", clear_on_submit=True, border=True):
        title = st.text_input(tr("map.f_title"), key="add_title", max_chars=300)
        c1, c2, c3 = st.columns(3)
        stage_id = c1.selectbox(tr("map.f_stage"), list(stages), key="add_stage",
                                format_func=_stage_label(stages))
        lane = c2.selectbox(tr("map.f_lane"), list(LANES), key="add_lane",
                            format_func=_lane_label)
        channel = c3.text_input(tr("map.f_channel"), key="add_channel", max_chars=60)
        mot = st.checkbox(tr("map.f_moment"), key="add_moment")
        description = st.text_area(tr("map.f_description"), key="add_description", height=80)
        submitted = st.form_submit_button(tr("map.add_step"), type="primary", key="add_submit")
    if submitted:
        try:
            new_id = add_step(get_store(), actor, journey_id, stage_id, title, lane=lane,
                              channel=channel, description=description, moment_of_truth=mot)
        except JourneymapError as e:
            components.show_error(e)
        else:
            st.session_state["map_pick_next"] = new_id
            _done(ws_id, tr("map.added"))


# stages -----------------------------------------------------------------------------------

def stage_editor(actor, journey_id: int, ws_id: int, stages: list[dict], steps: dict) -> None:
    counts: dict[int, int] = {}
    for s in steps.values():
        counts[s["stage_id"]] = counts.get(s["stage_id"], 0) + 1
    for i, stg in enumerate(stages):
        sid = stg["id"]
        key = f"stage_name_{sid}"
        if st.session_state.get(f"stage_base_{sid}") != stg["version"]:
            st.session_state[key] = stg["name"]
            st.session_state[f"stage_base_{sid}"] = stg["version"]
        c = st.columns([4, 1, 1, 1, 1.3], vertical_alignment="bottom")
        c[0].text_input(tr("map.stage_n", n=i + 1, steps=counts.get(sid, 0)), key=key,
                        max_chars=200)
        if c[1].button(tr("common.save"), key=f"stage_save_{sid}", width="stretch"):
            _run(lambda: rename_stage(get_store(), actor, sid, stg["version"],
                                      st.session_state[key]), ws_id, tr("map.saved"))
        if c[2].button("◀", key=f"stage_left_{sid}", help=tr("map.stage_left"),
                       disabled=i == 0, width="stretch"):
            _run(lambda: move_stage(get_store(), actor, sid, -1), ws_id)
        if c[3].button("▶", key=f"stage_right_{sid}", help=tr("map.stage_right"),
                       disabled=i == len(stages) - 1, width="stretch"):
            _run(lambda: move_stage(get_store(), actor, sid, +1), ws_id)
        if c[4].button(tr("common.delete"), key=f"stage_del_{sid}",
                       disabled=counts.get(sid, 0) > 0,
                       help=tr("map.stage_not_empty") if counts.get(sid, 0) else None,
                       width="stretch"):
            _run(lambda: delete_stage(get_store(), actor, sid), ws_id, tr("map.deleted"))
    with st.form("add_stage", clear_on_submit=True, border=False):
        c1, c2 = st.columns([4, 1.5], vertical_alignment="bottom")
        name = c1.text_input(tr("map.new_stage"), key="new_stage_name", max_chars=200)
        if c2.form_submit_button(tr("map.add_stage"), key="add_stage_submit",
                                 width="stretch"):
            _run(lambda: add_stage(get_store(), actor, journey_id, name), ws_id,
                 tr("map.added"))


# transitions ------------------------------------------------------------------------------

def transition_editor(actor, ws_id: int, transitions: list[dict], steps: dict,
                      order: list[int]) -> None:
    options = [i for i in order if i in steps]
    if len(options) < 2:
        st.info(tr("map.need_two_steps"))
        return
    name = lambda i: steps[i]["title"]  # noqa: E731
    with st.form("connect", clear_on_submit=True, border=True):
        c1, c2, c3 = st.columns([3, 3, 2])
        src = c1.selectbox(tr("map.from"), options, key="tr_from", format_func=name)
        dst = c2.selectbox(tr("map.to"), options, key="tr_to", format_func=name,
                           index=1)
        label = c3.text_input(tr("map.label"), key="tr_label", max_chars=200)
        if st.form_submit_button(tr("map.connect"), type="primary", key="tr_connect"):
            _run(lambda: add_transition(get_store(), actor, src, dst, label), ws_id,
                 tr("map.added"))
    if not transitions:
        return
    by_id = {t["id"]: t for t in transitions}

    def fmt(tid):
        t = by_id[tid]
        text = f"{_title(steps, t['source_id'])} → {_title(steps, t['target_id'])}"
        return text + (f" ({t['label']})" if t["label"] else "")

    tid = st.selectbox(tr("map.pick_transition"), list(by_id), key="tr_pick", format_func=fmt)
    if tid is None:
        return
    c1, c2, c3 = st.columns([4, 1.3, 1.3], vertical_alignment="bottom")
    lkey = f"tr_relabel_{tid}"
    if lkey not in st.session_state:
        st.session_state[lkey] = by_id[tid]["label"]
    c1.text_input(tr("map.label"), key=lkey, max_chars=200)
    if c2.button(tr("map.relabel"), key=f"tr_save_{tid}", width="stretch"):
        _run(lambda: label_transition(get_store(), actor, tid, st.session_state[lkey]), ws_id,
             tr("map.saved"))
    if c3.button(tr("map.disconnect"), key=f"tr_del_{tid}", width="stretch"):
        _run(lambda: remove_transition(get_store(), actor, tid), ws_id, tr("map.deleted"))


# the table editor -------------------------------------------------------------------------

COLUMNS = ["stage", "lane", "title", "channel", "moment_of_truth", "description"]


def _frame(rows: dict, order: list[int]) -> pd.DataFrame:
    stage_name = {s["id"]: s["name"] for s in rows["stages"]}
    by_id = {s["id"]: s for s in rows["steps"]}
    data = [{"id": i, "version": by_id[i]["version"], "stage": stage_name[by_id[i]["stage_id"]],
             "lane": by_id[i]["lane"], "title": by_id[i]["title"],
             "channel": by_id[i]["channel"], "moment_of_truth": bool(by_id[i]["moment_of_truth"]),
             "description": by_id[i]["description"]} for i in order if i in by_id]
    return pd.DataFrame(data, columns=["id", "version"] + COLUMNS)


def _column_config(stage_names: list[str]) -> dict:
    return {
        "stage": st.column_config.SelectboxColumn(tr("map.f_stage"), options=stage_names,
                                                  required=True),
        "lane": st.column_config.SelectboxColumn(tr("map.f_lane"), options=list(LANES),
                                                 required=True),
        "title": st.column_config.TextColumn(tr("map.f_title"), max_chars=300, required=True,
                                             width="large"),
        "channel": st.column_config.TextColumn(tr("map.f_channel"), max_chars=60),
        "moment_of_truth": st.column_config.CheckboxColumn(tr("map.f_moment_short")),
        "description": st.column_config.TextColumn(tr("map.f_description"), width="large"),
    }


def _pending(key: str) -> bool:
    state = st.session_state.get(key) or {}
    return bool(state.get("edited_rows") or state.get("added_rows")
                or state.get("deleted_rows"))


def table_editor(actor, journey_id: int, ws_id: int, rows: dict, order: list[int]) -> None:
    """Existing steps in a fixed-rows editor over a snapshot (so others' changes never shift
    the rows under someone's edits), new steps in a separate editor that starts empty."""
    if not rows["stages"]:
        st.info(tr("map.need_stage"))
        return
    st.caption(tr("map.table_hint"))
    stage_names = [s["name"] for s in rows["stages"]]
    snap_key = f"tbl_snapshot_{journey_id}"
    if not _pending("tbl_edit") or snap_key not in st.session_state:
        st.session_state[snap_key] = _frame(rows, order)
    snapshot: pd.DataFrame = st.session_state[snap_key]
    if not snapshot.empty:
        st.data_editor(snapshot, key="tbl_edit", num_rows="fixed", hide_index=True,
                       column_order=COLUMNS, column_config=_column_config(stage_names),
                       width="stretch", height=min(420, 38 + 35 * len(snapshot)))
    st.caption(tr("map.table_new"))
    empty = pd.DataFrame({"stage": pd.Series([], dtype="object"),
                          "lane": pd.Series([], dtype="object"),
                          "title": pd.Series([], dtype="object"),
                          "channel": pd.Series([], dtype="object"),
                          "moment_of_truth": pd.Series([], dtype="bool"),
                          "description": pd.Series([], dtype="object")})
    st.data_editor(empty, key="tbl_new", num_rows="dynamic", hide_index=True,
                   column_config=_column_config(stage_names), width="stretch")
    c1, c2 = st.columns(2)
    save = c1.button(tr("map.table_save"), type="primary", key="tbl_save",
                     disabled=not (_pending("tbl_edit") or _pending("tbl_new")),
                     width="stretch")
    if c2.button(tr("map.table_discard"), key="tbl_discard", width="stretch",
                 disabled=not (_pending("tbl_edit") or _pending("tbl_new"))):
        for k in ("tbl_edit", "tbl_new", "tbl_conflict", snap_key):
            st.session_state.pop(k, None)
        st.rerun()
    if save:
        _save_table(actor, journey_id, ws_id, rows, snapshot, snap_key)
    conflict = st.session_state.get("tbl_conflict")
    if conflict:
        _show_table_conflict(conflict)
        if st.button(tr("map.table_reapply"), key="tbl_reapply"):
            # the user has seen the newer version and chooses to apply their edits over it
            live = {s["id"]: s["version"] for s in rows["steps"]}
            snapshot = snapshot.assign(version=[live.get(int(i), int(v)) for i, v in
                                                zip(snapshot["id"], snapshot["version"])])
            st.session_state[snap_key] = snapshot
            st.session_state.pop("tbl_conflict", None)
            _save_table(actor, journey_id, ws_id, rows, snapshot, snap_key)


def _save_table(actor, journey_id, ws_id, rows, snapshot, snap_key) -> None:
    stage_id = {s["name"]: s["id"] for s in rows["stages"]}
    edit_state = st.session_state.get("tbl_edit") or {}
    new_state = st.session_state.get("tbl_new") or {}
    edits, new, deleted = [], [], []
    for idx, change in (edit_state.get("edited_rows") or {}).items():
        row = snapshot.iloc[int(idx)]
        values = {}
        for col, v in change.items():
            if col == "stage":
                values["stage_id"] = stage_id.get(v, v)
            elif col in COLUMNS:
                values[col] = "" if v is None else v
        if values:
            edits.append({"id": int(row["id"]), "version": int(row["version"]), **values})
    for added in new_state.get("added_rows") or []:
        if not any(v not in (None, "", False) for v in added.values()):
            continue
        new.append({"stage_id": stage_id.get(added.get("stage"), rows["stages"][0]["id"]),
                    "title": added.get("title") or "", "lane": added.get("lane") or "customer",
                    "channel": added.get("channel") or "",
                    "description": added.get("description") or "",
                    "moment_of_truth": bool(added.get("moment_of_truth"))})
    try:
        bulk_save_steps(get_store(), actor, journey_id, edits=edits, new=new, deleted=deleted)
    except StaleEdit as e:
        st.session_state["tbl_conflict"] = {"who": e.changed_by or "",
                                            "title": e.current.get("title", ""),
                                            "id": e.current.get("id")}
    except JourneymapError as e:
        components.show_error(e)
    else:
        for k in ("tbl_edit", "tbl_new", "tbl_conflict", snap_key):
            st.session_state.pop(k, None)
        _done(ws_id, tr("map.saved"))


def _show_table_conflict(conflict: dict) -> None:
    st.warning(tr("error.stale", who=conflict["who"] or tr("error.someone")))
    st.text(conflict["title"])
    st.caption(tr("map.table_conflict_hint"))


# proposals (customers) --------------------------------------------------------------------

def propose_form(actor, journey_id: int, steps: dict, stages: dict, order: list[int]) -> None:
    """"Something is missing": a customer proposes a step; the facilitator decides."""
    try:
        from journeymap.services.flow import propose_step
    except ImportError:  # pragma: no cover - proposals not available in this build
        return
    if not stages:
        return
    with st.expander(tr("map.propose_title")):
        with st.form("propose", clear_on_submit=True, border=False):
            title = st.text_input(tr("map.f_title"), key="prop_title", max_chars=300)
            stage_id = st.selectbox(tr("map.f_stage"), list(stages), key="prop_stage",
                                    format_func=_stage_label(stages))
            after = st.selectbox(tr("map.propose_after"), [None] + [i for i in order
                                                                   if i in steps],
                                 key="prop_after",
                                 format_func=lambda i: tr("map.propose_anywhere") if i is None
                                 else steps[i]["title"])
            description = st.text_area(tr("map.f_description"), key="prop_description",
                                       height=80)
            sent = st.form_submit_button(tr("map.propose_send"), type="primary",
                                         key="prop_send")
        if sent:
            try:
                propose_step(get_store(), actor, journey_id, title, stage_id=stage_id,
                             after_step_id=after, description=description)
            except JourneymapError as e:
                components.show_error(e)
            else:
                st.success(tr("map.propose_sent"))
