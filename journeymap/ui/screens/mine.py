"""My input & replies (the personal link's page): see and delete what you gave, read what staff
answered; after the reveal, the comparison. Staff also answer customers here."""

import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import Phase, Role
from journeymap.services import (
    customer_input,
    delete_my_input,
    get_workshop,
    my_input,
    replies_for,
    reply,
)
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.map_links import personal_link
from journeymap.ui.state import get_store, tr

store = get_store()
a = session.actor()
role = F.role_of(a)
st.title(tr("mine.title"), anchor=False)
if a is None or a.kind != "participant":
    st.info(tr("mine.facilitator_hint"))
    st.stop()
ws_id = a.workshop_id
F.live(ws_id)
F.note_presence()
F.show_remembered_error()
journey_id = components.journey_picker(ws_id, key="mine_journey")
ws = get_workshop(store, a, ws_id)
phase = Phase(ws["phase"])

token = st.session_state.get("personal_token")
if token:
    with st.expander(tr("personal.title")):
        st.caption(tr("personal.body"))
        st.code(personal_link(token), language=None, wrap_lines=True)


def _ask(kind: str, item_id: int, value: bool) -> None:
    """Deleting asks first: one tap shows "Yes, delete it" and Cancel beside the item."""
    st.session_state[f"mine_confirm:{kind}:{item_id}"] = value


def _delete(kind: str, item_id: int) -> None:
    st.session_state.pop(f"mine_confirm:{kind}:{item_id}", None)
    try:
        delete_my_input(store, a, kind, item_id)
    except JourneymapError as e:
        F.remember_error(e)
    components.mark_seen(ws_id)


# replies to me ------------------------------------------------------------------------
answers = replies_for(store, a)
st.subheader(tr("mine.replies", n=len(answers)), anchor=False)
if not answers:
    st.caption(tr("mine.no_replies"))
for r in answers:
    with st.container(border=True):
        st.caption(F.esc(tr("mine.you_said", step=r["step_title"]) + " " + r["target_text"]))
        st.markdown("💬 " + F.esc(r["text"]))
        st.caption(F.esc(tr("mine.reply_by", name=F.person(r["by_name"]),
                            role=tr(f"role.{r['by_role']}"))))

if journey_id is None:
    st.stop()

# my input ------------------------------------------------------------------------------
mine = my_input(store, a, journey_id)
locked_assumed = not rules.allowed(role, "rate_assumed", phase)
st.subheader(tr("mine.input"), anchor=False)
st.caption(tr("mine.input_help"))
items = ([("rating", r) for r in mine["rating_rows"]]
         + [("pain_point", r) for r in mine["pain_points"]]
         + [("highlight", r) for r in mine["highlights"]]
         + [("skip", r) for r in mine["skip_rows"]])
items.sort(key=lambda kr: (kr[1]["position"], kr[0], kr[1]["id"]))
if not items:
    st.caption(tr("mine.nothing"))
for kind, r in items:
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        with st.container(width="stretch"):
            st.caption(F.esc(r["step_title"]))
            if kind == "rating":
                bits = [F.emotion_label(r["emotion"])]
                if r["emotion_word"]:
                    bits.append(tr(f"word.{r['emotion_word']}"))
                if r["effort"]:
                    bits.append(tr("mine.effort", effort=tr(f"effort.{r['effort']}")))
                if r["success"]:
                    bits.append(tr("mine.success", success=tr(f"success.{r['success']}")))
                st.markdown(F.esc(" · ".join(bits)))
                if r["comment"]:
                    st.markdown("“" + F.esc(r["comment"]) + "”")
            elif kind == "skip":
                st.markdown(tr("mine.skipped"))
            else:
                icon = "⚠️ " if kind == "pain_point" else "✨ "
                st.markdown(icon + F.esc(r["text"]))
            if role is Role.STAFF and r.get("perspective"):
                st.caption(tr(f"perspective.{r['perspective']}"))
        if r.get("perspective") == "assumed" and locked_assumed:
            st.caption("🔒 " + tr("mine.locked"), width="content")
        elif st.session_state.get(f"mine_confirm:{kind}:{r['id']}"):
            with st.container(horizontal=True, width="content"):
                st.button(tr("mine.delete_yes"), key=f"mine_yes_{kind}_{r['id']}",
                          type="primary", on_click=_delete, args=(kind, r["id"]))
                st.button(tr("common.cancel"), key=f"mine_no_{kind}_{r['id']}",
                          on_click=_ask, args=(kind, r["id"], False))
        else:
            st.button(tr("common.delete"), key=f"mine_del_{kind}_{r['id']}", on_click=_ask,
                      args=(kind, r["id"], True))

# after the reveal ----------------------------------------------------------------------
if phase.index >= Phase.REVEAL.index:
    st.divider()
    from journeymap.ui import flow_reveal

    flow_reveal.show(journey_id, key="mine_reveal")

# staff answer customers ----------------------------------------------------------------
if role is Role.STAFF:
    st.divider()
    st.subheader(tr("mine.answer"), anchor=False)
    if not rules.allowed(role, "reply", phase):
        st.info(tr("mine.answer_later"))
    else:
        said = customer_input(store, a, journey_id)
        if not said:
            st.caption(tr("mine.answer_none"))
        for it in said:
            with st.container(border=True):
                icon = {"rating": "💬", "pain_point": "⚠️", "highlight": "✨"}[it["kind"]]
                st.caption(F.esc(it["step_title"] + " · " + F.person(it["author"])))
                st.markdown(icon + " " + F.esc(it["text"]))
                for rep in it["replies"]:
                    st.markdown("↳ " + F.esc(rep["text"]) + "  \n" + F.esc(
                        "— " + F.person(rep["by_name"])))
                with st.form(f"mine_reply_{it['kind']}_{it['id']}", clear_on_submit=True,
                             border=False):
                    text = st.text_input(
                        tr("mine.thank" if it["kind"] == "highlight" else "mine.reply"),
                        key=f"mine_reply_text_{it['kind']}_{it['id']}", max_chars=2000)
                    if st.form_submit_button(tr("mine.send")) and text.strip():
                        F.call(reply, it["kind"], it["id"], text)
                        components.mark_seen(ws_id)
                        st.rerun()
