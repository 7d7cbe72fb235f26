"""Rating the journey one step at a time: customers say what they lived, staff what they think
customers feel (and what makes their own work hard on backstage and support steps).

Made for a phone: one step per screen, big buttons, back and next at the thumb.

How an answer is kept (the rule that makes it impossible to lose or change one by accident):
- every answer is written by one explicit tap, on a button whose callback is bound at render
  time to *the step shown and the value tapped* (``args=(step_id, {...})``) — never by a
  widget's value changing, which reruns, re-keyed widgets and live updates can also cause;
- the screen draws every answer from the database, so what it shows as saved *is* saved;
- deleting is a separate, confirmed action (clear, or "this didn't happen to me");
- an answer refused because rating closed after the screen was drawn (the facilitator moved
  the phase as the person tapped) is never silent: the page is drawn again at once as the
  phase is now, and the step says the answer was not saved until the person's next tap (a
  one-time message would be wiped by the live update that follows, and if rating reopened
  meanwhile the person would never know their tap did not count);
- the step on screen is kept by its id (in the session and the address), so a map edit, a
  phase change or a reload never moves the person to another step.

One piece (past 400 lines): the page script, its step-area fragment and the tap callbacks bound
to it share the screen's state and the keeping rule above; apart they would be harder to check.
"""

import zlib
from contextlib import contextmanager

import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError, PhaseClosed
from journeymap.domain.model import COMMON_CHANNELS, EMOTION_WORDS, Lane, Phase, Pillar, Role
from journeymap.services import (
    add_highlight,
    add_pain_point,
    answer_step,
    clear_rating,
    delete_my_input,
    get_workshop,
    journey_steps,
    my_input,
    propose_step,
    skip_step,
)
from journeymap.services.visibility import CUSTOMER_LANES
from journeymap.ui import components, outage, session
from journeymap.ui import flow_common as F
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

#: the step where the last tap was refused because rating had closed: said on that step
#: until the person's next tap
REFUSED = "rate_refused"
#: a tap was just refused because rating had closed: the step area's run redraws the page
REREAD = "rate_reread"

store = get_store()
a = session.actor()
role = F.role_of(a)
if a is None or a.kind != "participant":
    st.title(tr("rate.title"), anchor=False)
    st.info(tr("rate.facilitator_hint"))
    st.stop()

ws_id = a.workshop_id
st.markdown(F.RATE_CSS, unsafe_allow_html=True)  # static CSS, no user text
# Above the step area, one container whatever it holds (the journey picker when there are
# several journeys, a message left by a tap): Streamlit names a fragment by its place on the
# page, so a message shown above it would rename the step area, and a tap sent to the old
# name while the page is being redrawn would be saved but not drawn as saved.
top = st.container()
with top:
    journey_id = components.journey_picker(ws_id, key="rate_journey")
if journey_id is None:
    st.info(tr("rate.no_journey"))
    F.follow_phase(ws_id, None)
    st.stop()
F.follow_phase(ws_id, journey_id)
F.note_presence()
with top:
    F.show_remembered_error()
st.session_state.pop(REREAD, None)  # this run reads the phase afresh (see _answer)

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

mine = my_input(store, a, journey_id)
by_id = {s["id"]: s for s in steps}
order = [s["id"] for s in steps]


def staff_side(step: dict) -> bool:
    """A backstage or support step: staff give their own (employee) view there, not a guess
    of how customers feel."""
    return role is Role.STAFF and step["lane"] in (Lane.BACKSTAGE.value, Lane.SUPPORT.value)


def answered(given: dict, step_id: int) -> bool:
    return (step_id, perspective) in given["ratings"] or step_id in given["skips"]


#: the steps that ask this person for a rating (what their progress counts)
countable = [s["id"] for s in steps if not staff_side(s)]
CUR = f"rate_step:{journey_id}"


def _step_on_screen(given: dict) -> int:
    """The step to show: the one in the address (a reload), else the one in this session,
    else the first one not answered yet; kept by id, so a step added before it does not
    move it."""
    from_address = st.query_params.get("step")
    if CUR not in st.session_state and from_address and from_address.isdigit() \
            and int(from_address) in by_id:
        st.session_state[CUR] = int(from_address)
    if st.session_state.get(CUR) not in by_id:
        st.session_state[CUR] = next((i for i in countable if not answered(given, i)),
                                     order[0])
    shown = st.session_state[CUR]
    if st.query_params.get("step") != str(shown):
        st.query_params["step"] = str(shown)
    return shown


# what a tap does (bound to the step and the value when the button is drawn) --------------
def _tapped() -> None:
    """Any tap on this page answers a refusal said before (see _answer)."""
    st.session_state.pop(REFUSED, None)


def _refused(step_id: int) -> None:
    """A tap refused because rating closed after this screen was drawn: the live update
    saying so may not have come yet, and rating may even reopen before it does. Redraw the
    page as the phase is now, and say on this step that the tap did not count until the
    person's next tap."""
    st.session_state[REFUSED] = step_id
    st.session_state[REREAD] = True


@contextmanager
def _tap_on(step_id: int):
    """Around what a tap on ``step_id`` saves: a refusal because rating closed is said on the
    step (:func:`_refused`), any other refusal on the page that follows."""
    _tapped()
    try:
        yield
    except PhaseClosed:
        _refused(step_id)
    except JourneymapError as e:
        F.remember_error(e)


def _answer(step_id: int, changes: dict) -> None:
    with _tap_on(step_id):
        # kept in the session and saved when the database is back, if it is away now
        outage.attempt(answer_step, store, a, step_id, perspective=perspective, **changes,
                       what=tr("live.pending_answer", step=by_id[step_id]["title"]))
    # no mark_seen: this page does not follow ratings, so one's own answer never comes
    # back as news (and a tap costs no extra query)


def _confirmed(kind: str, step_id: int) -> None:
    st.session_state.pop(f"rate_confirm:{kind}:{step_id}", None)
    with _tap_on(step_id):
        if kind == "clear":
            clear_rating(store, a, step_id, perspective)
        elif kind == "skip":
            skip_step(store, a, step_id, True)
    components.mark_seen(ws_id)


def _skip(step_id: int, has_rating: bool) -> None:
    _tapped()
    if has_rating:  # ask first: skipping discards the rating
        st.session_state[f"rate_confirm:skip:{step_id}"] = True
        return
    _confirmed("skip", step_id)


def _unskip(step_id: int) -> None:
    with _tap_on(step_id):
        skip_step(store, a, step_id, False)
    components.mark_seen(ws_id)


def _ask(kind: str, step_id: int, value: bool) -> None:
    st.session_state[f"rate_confirm:{kind}:{step_id}"] = value


def _save_comment(step_id: int, key: str) -> None:
    _answer(step_id, {"comment": st.session_state.get(key) or ""})


def _go(step_id: int) -> None:
    _tapped()
    st.session_state[CUR] = step_id
    st.session_state.pop("rate_done", None)


def _choices(step_id: int, label: str, options: list, current, field: str, fmt, key: str,
             withdraw: bool = True) -> None:
    """A row of big buttons, the stored choice highlighted; tapping the highlighted one
    again withdraws it (where ``withdraw``)."""
    st.markdown(f"**{label}**")
    with st.container(horizontal=True, key=key, gap="small"):
        for value in options:
            chosen = current == value
            change = None if chosen and withdraw else value
            st.button(fmt(value), key=f"{key}:{step_id}:{value}",
                      type="primary" if chosen else "secondary",
                      on_click=_answer, args=(step_id, {field: change}), width="stretch")


def _answers(step_id: int, rating: dict | None) -> None:
    """The step's questions, each answer a tap; what is shown is what is stored."""
    has = rating is not None
    _choices(step_id, tr(f"rate.q.{perspective}"), F.EMOTIONS,
             None if not has else int(round(rating["emotion"])), "emotion",
             F.emotion_label, key="rate_emotion", withdraw=False)
    if not has:
        # the other questions open once the face is given (and a step not yet answered
        # costs the server half the elements to draw: what a phase change redraws for all)
        st.caption(tr("rate.face_first"))
    else:
        _choices(step_id, tr("rate.q.word"), list(EMOTION_WORDS), rating["emotion_word"],
                 "emotion_word", lambda w: tr(f"word.{w}"), key="rate_word")
        _choices(step_id, tr(f"rate.q.effort.{perspective}"), [1, 2, 3, 4, 5],
                 rating["effort"], "effort", lambda v: tr(f"effort.{v}"), key="rate_effort")
        _choices(step_id, tr(f"rate.q.success.{perspective}"), ["yes", "partly", "no"],
                 rating["success"], "success", lambda v: tr(f"success.{v}"),
                 key="rate_success")
        stored_comment = rating["comment"] or ""
        ckey = f"rate_comment:{step_id}:{zlib.crc32(stored_comment.encode())}"
        with st.form(f"rate_comment_form:{step_id}", border=False, enter_to_submit=False):
            st.text_area(tr(f"rate.q.comment.{perspective}"), value=stored_comment, key=ckey,
                         height=90)
            st.form_submit_button(tr("rate.comment.save"), on_click=_save_comment,
                                  args=(step_id, ckey))
        st.caption("✓ " + tr("rate.saved"))
    if role is Role.CUSTOMER or has:
        with st.container(horizontal=True, key="rate_discard"):
            if role is Role.CUSTOMER:
                st.button(tr("rate.skip"), key=f"rate_skip:{step_id}",
                          help=tr("rate.skip_help"), on_click=_skip, args=(step_id, has))
            if has:
                st.button(tr("rate.clear"), key=f"rate_clear:{step_id}",
                          on_click=_ask, args=("clear", step_id, True))
    for kind in ("skip", "clear"):
        if st.session_state.get(f"rate_confirm:{kind}:{step_id}") and has:
            with st.container(border=True):
                st.warning(tr(f"rate.confirm.{kind}"))
                with st.container(horizontal=True):
                    st.button(tr(f"rate.confirm.{kind}.yes"),
                              key=f"rate_yes:{kind}:{step_id}", type="primary",
                              on_click=_confirmed, args=(kind, step_id))
                    st.button(tr("common.cancel"), key=f"rate_no:{kind}:{step_id}",
                              on_click=_ask, args=(kind, step_id, False))


# pain points and highlights -----------------------------------------------------------
def _add(kind: str, persp: str, step_id: int, form: str) -> None:
    text = st.session_state.get(f"{form}_text") or ""
    if not text.strip():
        st.session_state["flow_error_text"] = tr(f"rate.{kind}.empty")
        return
    try:
        if kind == "pain_point":
            add_pain_point(store, a, step_id, text, perspective=persp,
                           severity=st.session_state.get(f"{form}_sev") or 2,
                           pillar=st.session_state.get(f"{form}_pillar"))
        else:
            add_highlight(store, a, step_id, text, perspective=persp)
    except JourneymapError as e:
        F.remember_error(e)
        return
    st.session_state[f"{form}_text"] = ""
    components.mark_seen(ws_id)


def _delete(kind: str, item_id: int) -> None:
    st.session_state.pop(f"rate_confirm:{kind}:{item_id}", None)
    try:
        delete_my_input(store, a, kind, item_id)
    except JourneymapError as e:
        F.remember_error(e)
    components.mark_seen(ws_id)


def _input_block(given: dict, step_id: int, kind: str, persp: str) -> None:
    """The list of one's own pain points (or highlights) here, and a form to add one."""
    rows = [r for r in given[kind + "s"]
            if r["step_id"] == step_id and r["perspective"] == persp]
    for r in rows:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            sev = f" · {tr('severity.' + str(r['severity']))}" if kind == "pain_point" else ""
            st.markdown(("⚠️ " if kind == "pain_point" else "✨ ") + esc(r["text"]) + sev,
                        width="stretch")
            st.button("✕", key=f"rate_del_{kind}_{r['id']}", help=tr("common.delete"),
                      on_click=_ask, args=(kind, r["id"], True))
        if st.session_state.get(f"rate_confirm:{kind}:{r['id']}"):
            with st.container(horizontal=True):
                st.button(tr(f"rate.delete.{kind}"), key=f"rate_delyes_{kind}_{r['id']}",
                          type="primary", on_click=_delete, args=(kind, r["id"]))
                st.button(tr("common.cancel"), key=f"rate_delno_{kind}_{r['id']}",
                          on_click=_ask, args=(kind, r["id"], False))
    form = f"rate_{kind}_{persp}_{step_id}"
    with st.form(form, border=False, enter_to_submit=False):
        st.text_input(tr(f"rate.{kind}.{persp}"), key=f"{form}_text",
                      placeholder=tr(f"rate.{kind}.placeholder"))
        if kind == "pain_point":
            st.segmented_control(tr("rate.severity"), [1, 2, 3], default=2, key=f"{form}_sev",
                                 format_func=lambda v: tr(f"severity.{v}"))
            st.selectbox(tr("rate.pillar"), [None] + [p.value for p in Pillar],
                         key=f"{form}_pillar",
                         format_func=lambda p: tr("rate.pillar_none") if p is None
                         else tr(f"pillar.{p}"))
        st.form_submit_button(tr(f"rate.add.{kind}"), width="stretch", on_click=_add,
                              args=(kind, persp, step_id, form))


def _folded(label: str, key: str, expanded: bool, draw, *args) -> None:
    """A section folded away until opened, drawn only while open: the forms it holds cost
    nothing to a page that is redrawn for a whole room at once (a phase change)."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    if box.open:
        with box:
            draw(*args)


# something missing ---------------------------------------------------------------------
def _propose(step_id: int) -> None:
    title = st.session_state.get(f"rate_prop_title_{step_id}") or ""
    if not title.strip():
        st.session_state["flow_error_text"] = tr("rate.missing.empty")
        return
    try:
        propose_step(store, a, journey_id, title, after_step_id=step_id,
                     description=st.session_state.get(f"rate_prop_desc_{step_id}") or "")
    except JourneymapError as e:
        F.remember_error(e)
        return
    st.session_state[f"rate_prop_title_{step_id}"] = ""
    st.session_state[f"rate_prop_desc_{step_id}"] = ""
    st.session_state["rate_proposed"] = True


def _proposal_form(step_id: int) -> None:
    with st.form(f"rate_propose_{step_id}", border=False, enter_to_submit=False):
        st.text_input(tr("rate.missing.title"), key=f"rate_prop_title_{step_id}")
        st.text_input(tr("rate.missing.description"), key=f"rate_prop_desc_{step_id}")
        st.form_submit_button(tr("rate.missing.send"), width="stretch",
                              on_click=_propose, args=(step_id,))


def _fragment_run() -> bool:
    """Whether this run is the step area's own (a tap in it), not the whole page's."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.fragment_ids_this_run)


# the step on screen: one fragment ----------------------------------------------------------
@st.fragment
def _step_area() -> None:
    """Everything about the step on screen. A tap in here (an answer, back, next, a note)
    reruns this area alone: the tap's callback saves, then the area is drawn again from the
    database (what it shows as saved is saved). The menu, the journey picker and the page's
    own checks are not redrawn for a tap, so a room of people rating costs the server a
    fraction of whole-page runs (measured in benchmarks/bench_workshop_load.py). A phase
    change or a map edit reruns the whole page (the live feed)."""
    try:
        _draw_step_area()
    except Exception as e:
        if _fragment_run() and outage.is_outage(e):
            # the database went away: the whole page's guard says "reconnecting" (and the
            # answer just tapped waits in the session to be saved when it is back)
            st.rerun(scope="app")
        raise


def _draw_step_area() -> None:
    fresh = _fragment_run()
    if fresh and st.session_state.pop(REREAD, False):
        # a tap here was refused because rating closed: the whole page, as the phase is now
        st.rerun(scope="app")
    given = my_input(store, a, journey_id) if fresh else mine
    if fresh:
        F.show_remembered_error()
    sid = _step_on_screen(given)
    idx = order.index(sid)
    step = by_id[sid]
    skipped = sid in given["skips"]
    done = sum(1 for i in countable if answered(given, i))

    st.progress((idx + 1) / len(steps), text=tr("rate.k_of_n", k=idx + 1, n=len(steps)))
    st.caption(tr("rate.answered", done=done, n=len(countable))
               + (" · " + tr("rate.round", n=given["round"]) if given.get("round", 1) > 1
                  else ""))
    channel = step["channel"]
    where = tr(f"channel.{channel}") if channel in COMMON_CHANNELS else channel
    st.caption(esc(step["stage_name"] + (f" · {where}" if channel else "")))
    st.subheader(esc(step["title"]), anchor=False)
    if step["description"]:
        st.markdown(esc(step["description"].strip().splitlines()[0]))

    if st.session_state.get(REFUSED) == sid:
        st.warning(tr("rate.not_saved"))
    if skipped:
        st.info(tr("rate.skipped"))
        st.button(tr("rate.unskip"), key=f"rate_unskip:{sid}", on_click=_unskip, args=(sid,))
    elif not staff_side(step):
        _answers(sid, given["ratings"].get((sid, perspective)))

    if (msg := st.session_state.pop("flow_error_text", None)):
        st.error(msg)
    if not skipped:
        if staff_side(step):
            st.markdown(f"**{tr('rate.employee.title')}**")
            st.caption(tr("rate.employee.help"))
            _input_block(given, sid, "pain_point", "employee")
            _input_block(given, sid, "highlight", "employee")
        else:
            _folded(tr(f"rate.hurt.{perspective}"), f"rate_box_hurt:{sid}",
                    any(r["step_id"] == sid for r in given["pain_points"]),
                    _input_block, given, sid, "pain_point", perspective)
            _folded(tr(f"rate.well.{perspective}"), f"rate_box_well:{sid}",
                    any(r["step_id"] == sid for r in given["highlights"]),
                    _input_block, given, sid, "highlight", perspective)
            if role is Role.STAFF:
                _folded(tr("rate.employee.title"), f"rate_box_employee:{sid}", False,
                        _input_block, given, sid, "pain_point", "employee")

    if rules.allowed(role, "propose_step", phase):
        _folded(tr("rate.missing"), f"rate_box_missing:{sid}", False, _proposal_form, sid)
        if st.session_state.pop("rate_proposed", False):
            st.success(tr("rate.missing.sent"))

    # back and next
    with st.container(horizontal=True, key="rate_nav"):
        st.button("← " + tr("rate.back"), key="rate_back", on_click=_go,
                  args=(order[max(0, idx - 1)],), disabled=idx == 0, width="stretch")
        if idx < len(steps) - 1:
            st.button(tr("rate.next") + " →", key="rate_next", on_click=_go,
                      args=(order[idx + 1],), type="primary", width="stretch")
        else:
            st.button(tr("rate.finish"), key="rate_finish", type="primary", width="stretch",
                      on_click=lambda: st.session_state.__setitem__("rate_done", True))
    if st.session_state.get("rate_done") and idx == len(steps) - 1:
        st.success(tr("rate.done", done=done, n=len(countable)))
        missing = [i for i in countable if not answered(given, i)]
        if missing:
            st.caption(tr("rate.missing_steps"))
            for i in missing:
                st.button(esc(by_id[i]["title"]), key=f"rate_goto:{i}", on_click=_go,
                          args=(i,))
        F.page_link("mine.py", "rate.to_mine", "💬")


_step_area()
