"""The facilitator's "Rounds" box on the board: which round the journey is in, the rounds
so far with their dates and ratings, and starting the next one (confirmed first):

    from journeymap.ui.rounds_box import rounds_box
    rounds_box(store, actor, workshop_id, journey_id)
"""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services import journey_rounds, start_round
from journeymap.ui import components
from journeymap.ui.state import tr


def rounds_box(store, actor, workshop_id: int, journey_id: int) -> None:
    info = journey_rounds(store, actor, journey_id)
    n = info["current"]
    with st.expander(tr("round.title") + " · " + tr("round.current", n=n),
                     expanded=bool(st.session_state.get("round_done"))):
        done = st.session_state.pop("round_done", None)
        if done:
            st.success(done)
        st.text("\n".join(tr("round.list", n=r["number"], ratings=r["ratings"],
                             date=r["date"].isoformat() if r["date"] else tr("round.no_date"))
                          for r in info["rounds"]))
        st.caption(tr("round.explain", n=n, next=n + 1))
        st.caption(tr("round.then"))
        sure = st.checkbox(tr("round.sure", next=n + 1), key=f"round_sure_{journey_id}_{n}")
        if st.button(tr("round.start", next=n + 1), key=f"round_start_{journey_id}",
                     disabled=not sure, type="primary"):
            try:
                started = start_round(store, actor, journey_id, expected_current=n)
            except JourneymapError as e:
                components.show_error(e)
            else:
                components.mark_seen(workshop_id)
                st.session_state["round_done"] = tr("round.started", n=started)
                st.rerun()


__all__ = ["rounds_box"]
