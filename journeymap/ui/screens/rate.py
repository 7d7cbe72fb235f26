"""Rating the journey one step at a time: customers say what they lived, staff what they think
customers feel (and what makes their own work hard on backstage and support steps).

Made for a phone: one step per screen, big choice chips, every answer saved the moment it is
given (so a dropped connection loses nothing), back and next at the thumb."""

import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import COMMON_CHANNELS, EMOTION_WORDS, Lane, Phase, Pillar, Role
from journeymap.services import (
    add_highlight,
    add_pain_point,
    clear_rating,
    delete_my_input,
    get_workshop,
    journey_steps,
    my_input,
    propose_step,
    rate_step,
    skip_step,
)
from journeymap.services.flow import CUSTOMER_LANES
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.state import get_store, tr

store = get_store()
a = session.actor()
role = F.role_of(a)
if a is None or a.kind != "participant":
    st.title(tr("rate.title"), anchor=False)
    st.info(tr("rate.facilitator_hint"))
    st.stop()

ws_id = a.workshop_id
st.markdown(F.RATE_CSS, unsafe_allow_html=True)  # static CSS, no user text
journey_id = components.journey_picker(ws_id, key="rate_journey")
if journey_id is None:
    st.info(tr("rate.no_journey"))
    F.follow_phase(ws_id, None)
    st.stop()
F.follow_phase(ws_id, journey_id)
F.note_presence()
F.show_remembered_error()

if st.session_state.pop("just_joined", False) and st.session_state.get("personal_token"):
    with st.container(border=True):
        st.markdown(f"**{tr('personal.title')}**")
        st.caption(tr("personal.body"))
        st.code("?me=" + st.session_state["personal_token"], language=None)

ws = get_workshop(store, a, ws_id)
phase = Phase(ws["phase"])
perspective = "lived" if role is Role.CUSTOMER else "assumed"
can_rate = rules.allowed(role, rules.PERSPECTIVE_ACTION[perspective], phase)

if not can_rate:
    st.title(tr("rate.title"), anchor=False)
    if phase.index >= Phase.REVEAL.index:
        st.success(tr("rate.closed_revealed"))
        from journeymap.ui import flow_reveal

        flow_reveal.show(journey_id, key="rate_reveal")
        F.page_link("mine.py", "rate.to_mine", "💬")
    else:
        st.info(tr(f"rate.waiting.{role.value}", phase=F.phase_name(phase)))
        st.caption(tr("rate.waiting_live"))
    st.stop()

steps = journey_steps(store, a, journey_id,
                      lanes=CUSTOMER_LANES if role is Role.CUSTOMER else None)
if not steps:
    st.info(tr("rate.no_steps"))
    st.stop()

IDX = f"rate_idx:{journey_id}"
idx = max(0, min(st.session_state.get(IDX, 0), len(steps) - 1))
st.session_state[IDX] = idx
step = steps[idx]
sid = step["id"]
mine = my_input(store, a, journey_id)
rating = mine["ratings"].get((sid, perspective))
skipped = sid in mine["skips"]
staff_side = role is Role.STAFF and step["lane"] in (Lane.BACKSTAGE.value, Lane.SUPPORT.value)

# the step ------------------------------------------------------------------------------
st.progress((idx + 1) / len(steps), text=tr("rate.k_of_n", k=idx + 1, n=len(steps)))
channel = step["channel"]
where = tr(f"channel.{channel}") if channel in COMMON_CHANNELS else channel
st.caption(F.esc(step["stage_name"] + (f" · {where}" if channel else "")))
st.subheader(F.esc(step["title"]), anchor=False)
if step["description"]:
    st.markdown(F.esc(step["description"].strip().splitlines()[0]))

def _k(name: str) -> str:
    return f"rate_{name}:{sid}:{perspective}"


def _save() -> None:
    """Save this step's rating from the widgets' current values (called as they change)."""
    emotion = st.session_state.get(_k("emotion"))
    try:
        if emotion is None:
            if mine["ratings"].get((sid, perspective)) is not None:
                clear_rating(store, a, sid, perspective)
            return
        rate_step(store, a, sid, emotion, perspective=perspective,
                  effort=st.session_state.get(_k("effort")),
                  success=st.session_state.get(_k("success")),
                  emotion_word=st.session_state.get(_k("word")) or "",
                  comment=st.session_state.get(_k("comment")) or "")
    except JourneymapError as e:
        F.remember_error(e)
    components.mark_seen(ws_id)


def _skip() -> None:
    try:
        skip_step(store, a, sid, bool(st.session_state.get(_k("skip"))))
    except JourneymapError as e:
        F.remember_error(e)
    for name in ("emotion", "effort", "success", "word", "comment"):
        st.session_state.pop(_k(name), None)


def _init(name: str, value) -> None:
    if _k(name) not in st.session_state:
        st.session_state[_k(name)] = value


if role is Role.CUSTOMER:
    _init("skip", skipped)
    st.toggle(tr("rate.skip"), key=_k("skip"), on_change=_skip, help=tr("rate.skip_help"))

if skipped:
    st.info(tr("rate.skipped"))
elif not staff_side:
    _init("emotion", None if rating is None else int(round(rating["emotion"])))
    _init("effort", None if rating is None else rating["effort"])
    _init("success", None if rating is None else rating["success"])
    _init("word", None if rating is None or not rating["emotion_word"] else rating["emotion_word"])
    _init("comment", "" if rating is None else rating["comment"])
    with st.container(key="rate_emotion"):
        st.pills(tr(f"rate.q.{perspective}"), F.EMOTIONS, key=_k("emotion"), on_change=_save,
                 format_func=F.emotion_label, width="stretch")
    has = st.session_state.get(_k("emotion")) is not None
    if not has:
        st.caption(tr("rate.face_first"))
    st.pills(tr("rate.q.word"), list(EMOTION_WORDS), key=_k("word"), on_change=_save,
             format_func=lambda w: tr(f"word.{w}"), disabled=not has)
    st.segmented_control(tr(f"rate.q.effort.{perspective}"), [1, 2, 3, 4, 5], key=_k("effort"),
                         on_change=_save, format_func=lambda v: tr(f"effort.{v}"),
                         disabled=not has, width="stretch")
    st.segmented_control(tr(f"rate.q.success.{perspective}"), ["yes", "partly", "no"],
                         key=_k("success"), on_change=_save, disabled=not has,
                         format_func=lambda v: tr(f"success.{v}"), width="stretch")
    st.text_area(tr(f"rate.q.comment.{perspective}"), key=_k("comment"), on_change=_save,
                 disabled=not has, height=80, max_chars=2000)
    if has and rating is not None:
        st.caption("✓ " + tr("rate.saved"))


# pain points and highlights -----------------------------------------------------------
def _input_block(kind: str, persp: str) -> None:
    """The list of one's own pain points (or highlights) here, and a form to add one."""
    rows = [r for r in mine[kind + "s"] if r["step_id"] == sid and r["perspective"] == persp]
    for r in rows:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            sev = f" · {tr('severity.' + str(r['severity']))}" if kind == "pain_point" else ""
            st.markdown(("⚠️ " if kind == "pain_point" else "✨ ") + F.esc(r["text"]) + sev,
                        width="stretch")
            if st.button("✕", key=f"rate_del_{kind}_{r['id']}", help=tr("common.delete")):
                try:
                    delete_my_input(store, a, kind, r["id"])
                except JourneymapError as e:
                    F.remember_error(e)
                st.rerun()
    form = f"rate_{kind}_{persp}_{sid}"
    with st.form(form, clear_on_submit=True, border=False):
        text = st.text_input(tr(f"rate.{kind}.{persp}"), key=f"{form}_text", max_chars=2000,
                             placeholder=tr(f"rate.{kind}.placeholder"))
        severity, pillar = 2, None
        if kind == "pain_point":
            severity = st.segmented_control(tr("rate.severity"), [1, 2, 3], default=2,
                                            key=f"{form}_sev",
                                            format_func=lambda v: tr(f"severity.{v}"))
            pillar = st.selectbox(tr("rate.pillar"), [None] + [p.value for p in Pillar],
                                  key=f"{form}_pillar",
                                  format_func=lambda p: tr("rate.pillar_none") if p is None
                                  else tr(f"pillar.{p}"))
        if st.form_submit_button(tr(f"rate.add.{kind}"), width="stretch"):
            if text.strip():
                try:
                    if kind == "pain_point":
                        add_pain_point(store, a, sid, text, severity=severity or 2,
                                       pillar=pillar, perspective=persp)
                    else:
                        add_highlight(store, a, sid, text, perspective=persp)
                except JourneymapError as e:
                    F.remember_error(e)
                components.mark_seen(ws_id)
                st.rerun()


if not skipped:
    if staff_side:
        st.markdown(f"**{tr('rate.employee.title')}**")
        st.caption(tr("rate.employee.help"))
        _input_block("pain_point", "employee")
        _input_block("highlight", "employee")
    else:
        with st.expander(tr(f"rate.hurt.{perspective}"),
                         expanded=any(r["step_id"] == sid for r in mine["pain_points"])):
            _input_block("pain_point", perspective)
        with st.expander(tr(f"rate.well.{perspective}"),
                         expanded=any(r["step_id"] == sid for r in mine["highlights"])):
            _input_block("highlight", perspective)
        if role is Role.STAFF:
            with st.expander(tr("rate.employee.title")):
                _input_block("pain_point", "employee")

# something missing ---------------------------------------------------------------------
if rules.allowed(role, "propose_step", phase):
    with st.expander(tr("rate.missing")):
        with st.form(f"rate_propose_{sid}", clear_on_submit=True, border=False):
            title = st.text_input(tr("rate.missing.title"), key=f"rate_prop_title_{sid}",
                                  max_chars=300)
            desc = st.text_input(tr("rate.missing.description"), key=f"rate_prop_desc_{sid}",
                                 max_chars=2000)
            if st.form_submit_button(tr("rate.missing.send"), width="stretch"):
                if title.strip():
                    try:
                        propose_step(store, a, journey_id, title, after_step_id=sid,
                                     description=desc)
                        st.session_state["rate_proposed"] = True
                    except JourneymapError as e:
                        F.remember_error(e)
                    st.rerun()
    if st.session_state.pop("rate_proposed", False):
        st.success(tr("rate.missing.sent"))

# back and next -------------------------------------------------------------------------


def _go(delta: int) -> None:
    st.session_state[IDX] = max(0, min(len(steps) - 1, idx + delta))


with st.container(horizontal=True, key="rate_nav"):
    st.button("← " + tr("rate.back"), key="rate_back", on_click=_go, args=(-1,),
              disabled=idx == 0, width="stretch")
    if idx < len(steps) - 1:
        st.button(tr("rate.next") + " →", key="rate_next", on_click=_go, args=(1,),
                  type="primary", width="stretch")
    else:
        st.button(tr("rate.finish"), key="rate_finish", type="primary", width="stretch",
                  on_click=lambda: st.session_state.__setitem__("rate_done", True))
if st.session_state.get("rate_done") and idx == len(steps) - 1:
    done = sum(1 for s in steps if (s["id"], perspective) in mine["ratings"]
               or s["id"] in mine["skips"])
    st.success(tr("rate.done", done=done, n=len(steps)))
    F.page_link("mine.py", "rate.to_mine", "💬")
