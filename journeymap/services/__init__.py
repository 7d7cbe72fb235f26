"""The use cases: one plain function each, ``(store, actor, values…) -> result``.

They are the only way in for the UI and the CLI. Each checks who is acting and what the
workshop's phase allows, runs in one unit of work, and raises a named domain error that the
entry point translates for the user.
"""

from .accounts import authenticate, create_account, ensure_demo_account, has_accounts
from .base import SYSTEM, Actor, Store, revision
from .journeys import (
    add_stage,
    add_step,
    add_transition,
    create_journey,
    delete_journey,
    delete_stage,
    delete_step,
    duplicate_journey,
    find_journey,
    find_workshop,
    import_journey,
    label_transition,
    list_journeys,
    load_journey,
    map_rows,
    move_stage,
    move_step,
    remove_transition,
    rename_stage,
    step_dependents,
    update_journey,
    update_step,
)
from .flow import (
    budget,
    clear_rating,
    create_opportunity,
    customer_input,
    decide_proposal,
    delete_my_input,
    delete_opportunity,
    erase_participant,
    journey_steps,
    list_opportunities,
    list_proposals,
    merge_pain_points,
    my_input,
    opportunities_csv,
    phase_signature,
    progress,
    propose_step,
    replies_for,
    reply,
    skip_step,
    tally,
    touch,
    unvote,
    update_opportunity,
    visible_journey,
    vote,
)
from .insight import (InsightScope, answer_segments, define_segment, insight_scope,
                      journey_frames, segment_questions)
from .rounds import current_round, journey_rounds, start_round
from .segments import add_segment, edit_segment, remove_segment, segment_overview
from .ratings import add_highlight, add_pain_point, answer_step, rate_step, ratings_of, set_skip
from .workshops import create_workshop, get_workshop, list_workshops, set_phase, update_workshop

__all__ = [n for n in dir() if not n.startswith("_")]
