"""The map page's editors, one module each: the map's check (:mod:`.report`), one step
(:mod:`.step`), stages (:mod:`.stage`), connections (:mod:`.transition`), many steps in a
table (:mod:`.table`), a customer's proposal (:mod:`.propose`). User text is always shown as
text (``st.text``, dataframes, widget values), never as Markdown or HTML."""
