"""The facilitator's home: their workshops, and the journeys inside the chosen one."""

import pandas as pd
import streamlit as st

from journeymap import interchange
from journeymap.domain.errors import JourneymapError
from journeymap.services import (
    create_journey,
    create_workshop,
    delete_journey,
    duplicate_journey,
    import_journey,
    list_journeys,
    list_workshops,
    update_workshop,
)
from journeymap.ui import components, session
from journeymap.ui.report_download import export_links
from journeymap.ui.state import get_store, lang, tr

a = session.actor()
store = get_store()
st.title(tr("ws.title"), anchor=False)

# workshops --------------------------------------------------------------------------------
show_archived = st.toggle(tr("ws.show_archived"), key="ws_show_archived")
workshops = list_workshops(store, a, include_archived=show_archived)
with st.expander(tr("ws.new"), expanded=not workshops):
    with st.form("ws_new", clear_on_submit=True, border=False):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input(tr("ws.name"), key="ws_new_name", max_chars=200)
        language = c2.selectbox(tr("common.language"), ["it", "en"], key="ws_new_lang",
                                index=["it", "en"].index(lang()),
                                format_func=lambda c: tr(f"ws.lang_{c}"))
        if st.form_submit_button(tr("ws.create"), type="primary", key="ws_create"):
            try:
                new_id = create_workshop(store, a, name, language)
            except JourneymapError as e:
                components.show_error(e)
            else:
                session.choose(workshop=new_id)
                st.session_state["ws_follow"] = True
                st.rerun()
if not workshops:
    st.info(tr("ws.none"))
    st.stop()

ids = [w["id"] for w in workshops]
by_id = {w["id"]: w for w in workshops}
current = session.workshop_id()
if current not in ids:
    current = ids[0]
if st.session_state.get("ws_pick") not in ids or st.session_state.pop("ws_follow", False):
    st.session_state["ws_pick"] = current
ws_id = st.selectbox(tr("common.workshop"), ids, key="ws_pick",
                     format_func=lambda i: by_id[i]["name"]
                     + (f" ({tr('ws.archived')})" if by_id[i]["archived"] else ""))
session.choose(workshop=ws_id)
ws = by_id[ws_id]
components.live_updates(ws_id)
st.caption(tr("ws.summary", phase=tr(f"phase.{ws['phase']}"),
              language=tr(f"ws.lang_{ws['language']}")))

with st.expander(tr("ws.settings")):
    base_key = f"ws_base_{ws_id}"
    if st.session_state.get(base_key) != ws["version"]:
        st.session_state[base_key] = ws["version"]
        st.session_state[f"ws_name_{ws_id}"] = ws["name"]
        st.session_state[f"ws_lang_{ws_id}"] = ws["language"]
    with st.form(f"ws_settings_{ws_id}", border=False):
        c1, c2 = st.columns([3, 1])
        c1.text_input(tr("ws.name"), key=f"ws_name_{ws_id}", max_chars=200)
        c2.selectbox(tr("common.language"), ["it", "en"], key=f"ws_lang_{ws_id}",
                     format_func=lambda c: tr(f"ws.lang_{c}"))
        save = st.form_submit_button(tr("common.save"), key="ws_save")
    if save:
        try:
            update_workshop(store, a, ws_id, ws["version"],
                            name=st.session_state[f"ws_name_{ws_id}"],
                            language=st.session_state[f"ws_lang_{ws_id}"])
        except JourneymapError as e:
            components.show_error(e)
        else:
            components.mark_seen(ws_id)
            st.rerun()
    label = tr("ws.unarchive") if ws["archived"] else tr("ws.archive")
    if st.button(label, key="ws_archive"):
        try:
            update_workshop(store, a, ws_id, ws["version"], archived=not ws["archived"])
        except JourneymapError as e:
            components.show_error(e)
        else:
            components.mark_seen(ws_id)
            st.rerun()
    st.caption(tr("ws.archive_hint"))

with st.expander(tr("segment.edit.title")):
    from journeymap.ui.segment_editor import segment_editor

    segment_editor(store, a, ws_id)

# journeys ---------------------------------------------------------------------------------
st.header(tr("ws.journeys"), anchor=False)
journeys = list_journeys(store, a, ws_id)
if journeys:
    table = pd.DataFrame([{tr("ws.col_title"): j["title"], tr("ws.col_persona"): j["persona"],
                           tr("ws.col_steps"): j["steps"], tr("ws.col_ratings"): j["ratings"]}
                          for j in journeys])
    st.dataframe(table, hide_index=True, width="stretch")
else:
    st.info(tr("ws.no_journeys"))

new_tab, import_tab, manage_tab = st.tabs([tr("ws.tab_new"), tr("ws.tab_import"),
                                           tr("ws.tab_manage")])
with new_tab:
    with st.form("journey_new", clear_on_submit=True, border=False):
        title = st.text_input(tr("ws.j_title"), key="jn_title", max_chars=300)
        c1, c2 = st.columns(2)
        persona = c1.text_input(tr("ws.j_persona"), key="jn_persona", max_chars=500,
                                placeholder=tr("ws.j_persona_hint"))
        goal = c2.text_input(tr("ws.j_goal"), key="jn_goal", max_chars=500,
                             placeholder=tr("ws.j_goal_hint"))
        stages_text = st.text_input(tr("ws.j_stages"), key="jn_stages",
                                    value=tr("ws.default_stages"), help=tr("ws.j_stages_help"))
        if st.form_submit_button(tr("ws.j_create"), type="primary", key="jn_create"):
            names = [s.strip() for s in stages_text.split(",") if s.strip()]
            try:
                jid = create_journey(store, a, ws_id, title, persona=persona, goal=goal,
                                     stages=names)
            except JourneymapError as e:
                components.show_error(e)
            else:
                session.choose(workshop=ws_id, journey=jid)
                st.session_state["jm_follow"] = True
                components.mark_seen(ws_id)
                st.rerun()

with import_tab:
    st.caption(tr("ws.import_hint"))
    upload = st.file_uploader(tr("ws.import_file"), key="imp_file",
                              type=["json", "csv", "zip", "xlsx", "mmd", "mermaid", "xml",
                                    "cjml", "ojf"])
    if upload is None:
        st.session_state.pop("imp_result", None)
    else:
        scale = st.session_state.get("imp_scale") or None
        file_key = (upload.file_id, upload.name, upload.size, scale)
        cached = st.session_state.get("imp_result")
        if not cached or cached[0] != file_key:
            bar = st.progress(0.0, text=tr("ws.import_reading"))
            data = upload.getvalue()
            bar.progress(0.3, text=tr("ws.import_checking", size=f"{len(data) / 1e6:.1f}"))
            try:
                result = interchange.load(data, upload.name, language=ws["language"],
                                          scale=scale)
            except JourneymapError as e:
                bar.empty()
                st.session_state["imp_result"] = (file_key, None, str(e))
            else:
                bar.progress(1.0, text=tr("ws.import_checked"))
                st.session_state["imp_result"] = (file_key, result, None)
            cached = st.session_state["imp_result"]
        _, result, problem = cached
        if scale or (result is not None and result.format == "survey") or \
                (problem and "scale" in problem):
            # a survey's scale is detected from its scores: let the facilitator correct it
            st.selectbox(tr("interchange.preview.scale"), ["", *interchange.survey.SCALE_CHOICES],
                         key="imp_scale",
                         format_func=lambda v: v or tr("interchange.preview.scale_detected"))
        if problem:
            st.error(tr("ws.import_refused"))
            st.text(problem)
        else:
            st.subheader(tr("ws.preview"), anchor=False)
            st.text(result.journey.title)
            counts = result.counts
            st.dataframe(pd.DataFrame([{tr("ws.col_what"): tr(f"ws.count_{k}"),
                                        tr("ws.col_count"): v} for k, v in counts.items()]),
                         hide_index=True)
            dropped, other_notes = result.note_lines(lang())
            if dropped:
                st.caption(tr("interchange.preview.left_out", n=len(dropped)))
                st.text("\n".join("• " + n for n in dropped))
            if other_notes:
                st.caption(tr("ws.import_notes"))
                st.text("\n".join("• " + n for n in other_notes))
            if not result.notes:
                st.caption(tr("ws.import_no_notes"))
            if st.button(tr("ws.import_confirm"), type="primary", key="imp_confirm"):
                bar = st.progress(0.5, text=tr("ws.import_writing",
                                               n=counts["steps"] + counts["ratings"]))
                try:
                    _, jid = import_journey(store, a, result.journey, ws_id)
                except JourneymapError as e:
                    bar.empty()
                    components.show_error(e)
                else:
                    bar.progress(1.0, text=tr("ws.import_done"))
                    st.session_state.pop("imp_result", None)
                    session.choose(workshop=ws_id, journey=jid)
                    st.session_state["jm_follow"] = True
                    components.mark_seen(ws_id)
                    st.toast(tr("ws.import_done"))
                    st.rerun()

with manage_tab:
    if not journeys:
        st.info(tr("ws.no_journeys"))
    else:
        jids = [j["id"] for j in journeys]
        jtitle = {j["id"]: j["title"] for j in journeys}
        chosen = session.journey_id()
        if chosen not in jids:
            chosen = jids[0]
        if st.session_state.get("jm_pick") not in jids or st.session_state.pop("jm_follow",
                                                                                 False):
            st.session_state["jm_pick"] = chosen
        jid = st.selectbox(tr("common.journey"), jids, key="jm_pick",
                           format_func=lambda i: jtitle[i])
        session.choose(journey=jid)
        if st.button(tr("ws.open_map"), type="primary", key="jm_open"):
            st.switch_page("screens/map.py")
        st.subheader(tr("ws.export"), anchor=False)
        export_links(jid, jtitle[jid])
        st.subheader(tr("ws.duplicate"), anchor=False)
        with st.form("jm_dup", clear_on_submit=True, border=False):
            c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
            copy_title = c1.text_input(tr("ws.copy_title"), key="jm_copy_title",
                                       value=tr("ws.copy_of", title=jtitle[jid]))
            if c2.form_submit_button(tr("ws.duplicate_go"), key="jm_dup_go",
                                     width="stretch"):
                try:
                    new_id = duplicate_journey(store, a, jid, copy_title)
                except JourneymapError as e:
                    components.show_error(e)
                else:
                    session.choose(journey=new_id)
                    st.session_state["jm_follow"] = True
                    components.mark_seen(ws_id)
                    st.rerun()
        st.subheader(tr("ws.delete"), anchor=False)
        sure = st.checkbox(tr("ws.delete_sure", title=jtitle[jid]), key=f"jm_sure_{jid}")
        if st.button(tr("ws.delete_go"), key="jm_delete", disabled=not sure):
            try:
                delete_journey(store, a, jid)
            except JourneymapError as e:
                components.show_error(e)
            else:
                st.session_state.pop("journey_id", None)
                components.mark_seen(ws_id)
                st.rerun()
