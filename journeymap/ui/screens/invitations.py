"""Invitation links: make one per role; every link stays listed with its role, uses, expiry and
state, can be shown again (link and QR code) while it works, and revoked; who has joined."""

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
        inv_id, _token = inv.create_invitation(store, a, ws_id, role, days=int(days),
                                               max_uses=int(max_uses) or None)
    except JourneymapError as e:
        components.show_error(e)
    else:
        st.session_state["inv_shown"] = inv_id  # the new link opens right away
        components.mark_seen(ws_id)


def _when(ts):
    return ts.strftime("%Y-%m-%d %H:%M") if isinstance(ts, dt.datetime) else ""


def _state(i):
    if i["revoked_at"] is not None:
        return tr("inv.revoked")
    return tr("inv.active") if i["active"] else tr("inv.expired")


def _uses(i):
    if i["max_uses"]:
        return tr("inv.uses_left", used=i["uses"], left=max(0, i["max_uses"] - i["uses"]))
    return tr("inv.uses_unlimited", used=i["uses"])


def _show(inv_id: int) -> None:
    st.session_state["inv_shown"] = None if st.session_state.get("inv_shown") == inv_id \
        else inv_id


def _revoke(inv_id: int) -> None:
    try:
        inv.revoke_invitation(store, a, inv_id)
    except JourneymapError as e:
        st.session_state["inv_error"] = str(e)
    else:
        if st.session_state.get("inv_shown") == inv_id:
            st.session_state["inv_shown"] = None
        components.mark_seen(ws_id)


def shown_link(i: dict) -> None:
    """The link and its QR code, again, for as long as the invitation can be used."""
    try:
        token = inv.invitation_token(store, a, i["id"])
    except JourneymapError as e:
        components.show_error(e)
        return
    url = invite_link(token)
    with st.container(border=True, key=f"inv_link_box_{i['id']}"):
        st.subheader(tr("inv.link_for", role=tr(f"role.{i['role']}")), anchor=False)
        # a notice about where this link opens goes here (kept free for it)
        st.container(key=f"inv_notice_{i['id']}")
        st.code(url, language=None, wrap_lines=True)
        st.image(qr_png(url), caption=tr("inv.qr_caption"), width=420)


# the list: every link with its role, uses, expiry; show it again, or revoke it --------------
st.header(tr("inv.list"), anchor=False)
if "inv_error" in st.session_state:
    st.error(st.session_state.pop("inv_error"))
try:
    invitations = inv.list_invitations(store, a, ws_id)
except JourneymapError as e:
    components.show_error(e)
    st.stop()
if not invitations:
    st.info(tr("inv.none"))
shown = st.session_state.get("inv_shown")
for i in sorted(invitations, key=lambda x: (not x["active"], -x["id"])):
    with st.container(border=True, key=f"inv_row_{i['id']}"):
        c1, c2, c3, c4 = st.columns([3, 3, 2, 2], vertical_alignment="center")
        c1.markdown(f"**{tr('role.' + i['role'])}** · {_state(i)}")
        c2.caption(_uses(i) + " · " + tr("inv.expires") + " " + _when(i["expires_at"]))
        if i["active"]:
            c3.button(tr("inv.hide") if shown == i["id"] else tr("inv.show"),
                      key=f"inv_show_{i['id']}", on_click=_show, args=(i["id"],),
                      icon=":material/qr_code_2:", width="stretch")
            c4.button(tr("inv.revoke"), key=f"inv_revoke_{i['id']}", on_click=_revoke,
                      args=(i["id"],), icon=":material/block:", width="stretch")
        if shown == i["id"] and i["active"]:
            shown_link(i)

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
