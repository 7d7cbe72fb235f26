"""Many steps at once in a table: existing steps over a snapshot, new ones below, saved
all or nothing (a stale row refuses the whole save and shows the newer title)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.charts.blueprint import LANES
from journeymap.domain.errors import JourneymapError, StaleEdit
from journeymap.services.map_editing import bulk_save_steps
from journeymap.ui import components
from journeymap.ui.state import get_store, tr

from .common import done

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
        done(ws_id, tr("map.saved"))


def _show_table_conflict(conflict: dict) -> None:
    st.warning(tr("error.stale", who=conflict["who"] or tr("error.someone")))
    st.text(conflict["title"])
    st.caption(tr("map.table_conflict_hint"))
