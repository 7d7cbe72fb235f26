"""The map's check: counts, steps nobody reaches or leaves, loops."""

from __future__ import annotations

import streamlit as st

from journeymap.ui.state import tr

from .common import title_of


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
            st.text("\n".join("• " + title_of(steps, i) for i in ids[:12])
                    + ("\n…" if len(ids) > 12 else ""))
    if r["loops"]:
        st.info(tr("map.report_loops", n=len(r["loops"])))
        st.text("\n".join("↻ " + " → ".join(title_of(steps, i) for i in loop[:6])
                          + (" → …" if len(loop) > 6 else "")
                          for loop in r["loops"][:8]))
    lived = view["emotions"].get("lived")
    if lived:
        st.caption(tr("map.legend_emotion"))
