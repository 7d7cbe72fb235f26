"""Invitation links (one per role), the customer link as a large QR code, and who has joined."""

import datetime as dt
import io

import pandas as pd
import segno
import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services import list_workshops
from journeymap.services import invitations as inv
from journeymap.ui import components, session
from journeymap.ui.map_links import invite_link, links_only_open_here
from journeymap.ui.text import esc
from journeymap.ui.state import get_store, tr

a = session.actor()
store = get_store()
st.title(tr("inv.title"), anchor=False)

own = list_workshops(store, a)
if not own:
    st.info(tr("map.no_workshop"))
    st.stop()
ids = [w["id"] for w in own]
ws_id = session.workshop_id()
if ws_id not in ids:
    ws_id = ids[0]
    session.choose(workshop=ws_id)
names = {w["id"]: w["name"] for w in own}
if len(ids) > 1:
    if st.session_state.get("inv_ws") not in ids:
        st.session_state["inv_ws"] = ws_id
    ws_id = st.selectbox(tr("common.workshop"), ids, key="inv_ws", format_func=names.get)
    session.choose(workshop=ws_id)
else:
    st.caption(esc(names[ws_id]))
components.live_updates(ws_id)
if links_only_open_here():
    st.warning(tr("inv.local_only"))


def qr_png(url: str) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=12, border=2, dark="#000000",
                                    light="#FFFFFF")
    return buf.getvalue()


# create ---------------------------------------------------------------------------------
st.caption(tr("inv.intro"))
with st.form("inv_new", border=True):
    c1, c2, c3 = st.columns(3)
    role = c1.selectbox(tr("inv.role"), ["customer", "staff"], key="inv_role",
                        format_func=lambda r: tr(f"role.{r}"))
    days = c2.number_input(tr("inv.days"), min_value=1, max_value=365, value=14, step=1,
                           key="inv_days")
    max_uses = c3.number_input(tr("inv.max_uses"), min_value=0, max_value=100000, value=0,
                               step=1, key="inv_max", help=tr("inv.max_uses_help"))
    make = st.form_submit_button(tr("inv.create"), type="primary", key="inv_create")
if make:
    try:
        inv_id, token = inv.create_invitation(store, a, ws_id, role, days=int(days),
                                              max_uses=int(max_uses) or None)
    except JourneymapError as e:
        components.show_error(e)
    else:
        # the token exists only here and now: only its hash is stored
        st.session_state["inv_fresh"] = {"id": inv_id, "role": role, "token": token,
                                         "workshop": ws_id}
        components.mark_seen(ws_id)

fresh = st.session_state.get("inv_fresh")
if fresh and fresh["workshop"] == ws_id:
    url = invite_link(fresh["token"])
    with st.container(border=True, key="inv_fresh_box"):
        st.subheader(tr("inv.link_for", role=tr(f"role.{fresh['role']}")), anchor=False)
        st.warning(tr("inv.shown_once"))
        st.code(url, language=None, wrap_lines=True)
        if fresh["role"] == "customer":
            st.image(qr_png(url), caption=tr("inv.qr_caption"), width=520)
        if st.button(tr("inv.hide"), key="inv_hide"):
            st.session_state.pop("inv_fresh", None)
            st.rerun()

# list -------------------------------------------------------------------------------------
st.header(tr("inv.list"), anchor=False)
try:
    invitations = inv.list_invitations(store, a, ws_id)
except JourneymapError as e:
    components.show_error(e)
    st.stop()
if not invitations:
    st.info(tr("inv.none"))
else:
    def _when(ts):
        return ts.strftime("%Y-%m-%d %H:%M") if isinstance(ts, dt.datetime) else ""

    def _state(i):
        if i["revoked_at"] is not None:
            return tr("inv.revoked")
        return tr("inv.active") if i["active"] else tr("inv.expired")

    st.dataframe(pd.DataFrame([{
        "#": i["id"], tr("inv.role"): tr(f"role.{i['role']}"),
        tr("inv.expires"): _when(i["expires_at"]),
        tr("inv.uses"): f"{i['uses']}" + (f" / {i['max_uses']}" if i["max_uses"] else ""),
        tr("inv.state"): _state(i)} for i in invitations]), hide_index=True,
        width="stretch")
    active = [i for i in invitations if i["revoked_at"] is None]
    if active:
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = c1.selectbox(tr("inv.revoke_which"), [i["id"] for i in active], key="inv_revoke_pick",
                            format_func=lambda x: next(
                                f"#{i['id']} · {tr('role.' + i['role'])} · "
                                f"{tr('inv.expires')} {_when(i['expires_at'])}"
                                for i in active if i["id"] == x))
        if c2.button(tr("inv.revoke"), key="inv_revoke", width="stretch"):
            try:
                inv.revoke_invitation(store, a, pick)
            except JourneymapError as e:
                components.show_error(e)
            else:
                if fresh and fresh["id"] == pick:
                    st.session_state.pop("inv_fresh", None)
                components.mark_seen(ws_id)
                st.rerun()

# participants -----------------------------------------------------------------------------
st.header(tr("inv.participants"), anchor=False)
people = inv.list_participants(store, a, ws_id)
if not people:
    st.info(tr("inv.no_participants"))
else:
    st.dataframe(pd.DataFrame([{
        tr("inv.p_name"): (p["name"] or tr("common.anonymous"))
        + (f" ({tr('common.anonymous')})" if p["anonymous"] and p["name"] else ""),
        tr("inv.role"): tr(f"role.{p['role']}"),
        tr("inv.last_seen"): p["last_seen"].strftime("%Y-%m-%d %H:%M")
        if p["last_seen"] else "—"} for p in people]), hide_index=True,
        width="stretch")
