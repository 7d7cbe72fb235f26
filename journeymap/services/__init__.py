"""The use cases: one plain function each, ``(store, actor, values…) -> result``.

They are the only way in for the UI and the CLI. Each checks who is acting and what the
workshop's phase allows, runs in one unit of work, and raises a named domain error that the
entry point translates for the user.
"""

from .accounts import authenticate, create_account, ensure_demo_account, has_accounts
from .base import SYSTEM, Actor, Store, revision
from .catalogue import find_journey, find_workshop, list_journeys
from .journeys import (
    create_journey,
    delete_journey,
    duplicate_journey,
    import_journey,
    load_journey,
    update_journey,
)
from .map_editing import (
    add_stage,
    add_step,
    add_transition,
    delete_stage,
    delete_step,
    label_transition,
    move_stage,
    move_step,
    remove_transition,
    rename_stage,
    step_dependents,
    update_step,
)
from .map_reads import map_rows
from .opportunities import (
    create_opportunity,
    delete_opportunity,
    list_opportunities,
    opportunities_csv,
    update_opportunity,
)
from .own_input import clear_rating, delete_my_input, erase_participant, my_input, skip_step
from .presence import phase_signature, progress, touch
from .proposals import decide_proposal, list_proposals, propose_step
from .replies import customer_input, replies_for, reply
from .visibility import journey_steps, visible_journey
from .voting import budget, merge_pain_points, tally, unvote, vote
from .insight import InsightScope, insight_scope, journey_frames
from .rounds import current_round, journey_rounds, start_round
from .segment_answers import answer_segments, segment_questions
from .segments import add_segment, define_segment, edit_segment, remove_segment, segment_overview
from .ratings import add_highlight, add_pain_point, answer_step, rate_step, ratings_of, set_skip
from .workshops import create_workshop, get_workshop, list_workshops, set_phase, update_workshop

__all__ = [n for n in dir() if not n.startswith("_")]
