"""The tables. One row per stage, step, rating, pain point, vote…; never a journey as one blob.

Every row that a person writes knows who (``*_by`` / ``participant_id``) and when (``created_at``,
``updated_at``). Shared rows that several people edit (workshops, journeys, stages, steps,
opportunities) carry a ``version`` that every save checks and bumps: a save from a stale
version is refused (see :class:`journeymap.domain.errors.StaleEdit`).

The schema is created and upgraded by the Alembic migrations in ``store/migrations``; this
module is the model those migrations were generated from.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

TS = DateTime(timezone=True)


def _fk(target: str, nullable: bool = False, ondelete: str = "CASCADE") -> Column:
    table = target.split(".")[0]
    return Column(f"{table[:-1]}_id", Integer, ForeignKey(target, ondelete=ondelete),
                  nullable=nullable, index=True)


accounts = Table(
    "accounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(120), nullable=False, unique=True),
    Column("display_name", String(120), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", TS, nullable=False),
)

workshops = Table(
    "workshops", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("language", String(2), nullable=False, default="en"),
    Column("phase", String(20), nullable=False, default="map"),
    Column("archived", Boolean, nullable=False, default=False),
    Column("vote_budget", SmallInteger, nullable=False, default=5),
    Column("privacy_note", Text, nullable=False, default=""),
    Column("reveal_view", String(20), nullable=False, default="comparison"),
    Column("owner_account_id", Integer, ForeignKey("accounts.id", ondelete="SET NULL"),
           nullable=True, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
)

participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True),
    _fk("workshops.id"),
    Column("key", String(80), nullable=False),
    Column("name", String(120), nullable=False, default=""),
    Column("role", String(20), nullable=False),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True),
    Column("token_hash", String(64), nullable=True, unique=True),
    Column("consent_at", TS, nullable=True),
    Column("last_seen", TS, nullable=True),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("workshop_id", "key", name="uq_participants_workshop_key"),
)

journeys = Table(
    "journeys", metadata,
    Column("id", Integer, primary_key=True),
    _fk("workshops.id"),
    Column("title", String(300), nullable=False),
    Column("persona", String(500), nullable=False, default=""),
    Column("goal", String(500), nullable=False, default=""),
    Column("owner", String(120), nullable=False, default=""),
    Column("status", String(20), nullable=False, default="current"),
    Column("evidence", String(30), nullable=False, default="assumed"),
    Column("source", JSON, nullable=False, default=dict),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Column("updated_by", String(120), nullable=False, default=""),
)

stages = Table(
    "stages", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("key", String(80), nullable=False),
    Column("name", String(200), nullable=False),
    Column("position", Integer, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", TS, nullable=False),
    Column("updated_by", String(120), nullable=False, default=""),
    UniqueConstraint("journey_id", "key", name="uq_stages_journey_key"),
)

steps = Table(
    "steps", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("stage_id", Integer, ForeignKey("stages.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("key", String(80), nullable=False),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("lane", String(20), nullable=False),
    Column("channel", String(60), nullable=False, default=""),
    Column("moment_of_truth", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", TS, nullable=False),
    Column("updated_by", String(120), nullable=False, default=""),
    UniqueConstraint("journey_id", "key", name="uq_steps_journey_key"),
)

transitions = Table(
    "transitions", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("source_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("target_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", TS, nullable=False),
    Column("created_by", String(120), nullable=False, default=""),
)

ratings = Table(
    "ratings", metadata,
    Column("id", Integer, primary_key=True),
    Column("step_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("perspective", String(10), nullable=False),
    Column("emotion", Float, nullable=False),
    Column("emotion_word", String(40), nullable=False, default=""),
    Column("effort", SmallInteger, nullable=True),
    Column("success", String(10), nullable=True),
    Column("comment", Text, nullable=False, default=""),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    #: which run of the journey (1 = the first workshop; see journey_rounds)
    Column("round", Integer, nullable=False, default=1, server_default="1"),
    UniqueConstraint("step_id", "participant_id", "perspective", "round",
                     name="uq_ratings_one_view"),
)

#: participant attributes the facilitator defines for a workshop ("customer for": < 1 year /
#: 1–5 / > 5); ``options`` is a list of ``[key, label]``
segments = Table(
    "segments", metadata,
    Column("id", Integer, primary_key=True),
    _fk("workshops.id"),
    Column("key", String(80), nullable=False),
    Column("question", String(200), nullable=False),
    Column("options", JSON, nullable=False, default=list),
    Column("position", Integer, nullable=False, default=0),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("workshop_id", "key", name="uq_segments_workshop_key"),
)

#: a participant's answer to a segment question (optional: no row when skipped)
participant_segments = Table(
    "participant_segments", metadata,
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           primary_key=True),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE"),
           primary_key=True),
    Column("option", String(80), nullable=False),
)

#: when each run of a journey took place (round 1: the first workshop)
journey_rounds = Table(
    "journey_rounds", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("number", Integer, nullable=False),
    Column("date", Date, nullable=True),
    UniqueConstraint("journey_id", "number", name="uq_journey_rounds_number"),
)

pain_points = Table(
    "pain_points", metadata,
    Column("id", Integer, primary_key=True),
    Column("step_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("key", String(80), nullable=False),
    Column("text", Text, nullable=False),
    Column("severity", SmallInteger, nullable=False, default=2),
    Column("pillar", String(30), nullable=True),
    Column("perspective", String(10), nullable=False),
    Column("imported_votes", Integer, nullable=False, default=0),
    Column("merged_into_id", Integer, ForeignKey("pain_points.id", ondelete="SET NULL"),
           nullable=True),
    Column("created_at", TS, nullable=False),
    #: which round of the journey this input belongs to (see journey_rounds)
    Column("round", Integer, nullable=False, default=1, server_default="1"),
)

votes = Table(
    "votes", metadata,
    Column("id", Integer, primary_key=True),
    Column("pain_point_id", Integer, ForeignKey("pain_points.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("created_at", TS, nullable=False),
)

highlights = Table(
    "highlights", metadata,
    Column("id", Integer, primary_key=True),
    Column("step_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("perspective", String(10), nullable=False),
    Column("created_at", TS, nullable=False),
    #: which round of the journey this input belongs to (see journey_rounds)
    Column("round", Integer, nullable=False, default=1, server_default="1"),
)

skips = Table(
    "skips", metadata,
    Column("id", Integer, primary_key=True),
    Column("step_id", Integer, ForeignKey("steps.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("created_at", TS, nullable=False),
    #: which round of the journey this input belongs to (see journey_rounds)
    Column("round", Integer, nullable=False, default=1, server_default="1"),
    UniqueConstraint("step_id", "participant_id", "round", name="uq_skips_step_participant"),
)

proposals = Table(
    "proposals", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("stage_id", Integer, ForeignKey("stages.id", ondelete="CASCADE"), nullable=False),
    Column("after_step_id", Integer, ForeignKey("steps.id", ondelete="SET NULL"), nullable=True),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("status", String(20), nullable=False, default="pending"),
    Column("decided_by", String(120), nullable=False, default=""),
    Column("created_at", TS, nullable=False),
)

opportunities = Table(
    "opportunities", metadata,
    Column("id", Integer, primary_key=True),
    _fk("journeys.id"),
    Column("title", String(300), nullable=False),
    Column("owner", String(120), nullable=False, default=""),
    Column("due", Date, nullable=True),
    Column("status", String(20), nullable=False, default="open"),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Column("updated_by", String(120), nullable=False, default=""),
)

opportunity_pain_points = Table(
    "opportunity_pain_points", metadata,
    Column("opportunity_id", Integer, ForeignKey("opportunities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("pain_point_id", Integer, ForeignKey("pain_points.id", ondelete="CASCADE"),
           primary_key=True),
)

replies = Table(
    "replies", metadata,
    Column("id", Integer, primary_key=True),
    _fk("workshops.id"),
    Column("target_kind", String(20), nullable=False),  # rating | pain_point | highlight
    Column("target_id", Integer, nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"),
           nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", TS, nullable=False),
    Index("ix_replies_target", "target_kind", "target_id"),
)

invitations = Table(
    "invitations", metadata,
    Column("id", Integer, primary_key=True),
    _fk("workshops.id"),
    Column("role", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("expires_at", TS, nullable=False),
    Column("max_uses", Integer, nullable=True),
    Column("uses", Integer, nullable=False, default=0),
    Column("revoked_at", TS, nullable=True),
    Column("created_at", TS, nullable=False),
)

#: An append-only log of what changed in which workshop; its highest id per workshop is the
#: change counter that every open page polls (inserts never contend on one shared row).
changes = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("actor", String(120), nullable=False, default=""),
    Column("at", TS, nullable=False),
    Index("ix_changes_workshop_id_id", "workshop_id", "id"),
)

#: A facilitator's sign-in that survives a reload: the browser keeps a random token in an
#: HttpOnly cookie; only its hash is stored. ``code_hash`` is the one-time code the signed-in
#: page hands to ``/auth/cookie`` to receive that cookie (see ``services/sessions.py``).
sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"),
           nullable=False),
    Column("code_hash", String(64), nullable=True, unique=True),
    Column("token_hash", String(64), nullable=True, unique=True),
    #: the first code's hash, kept: the browser session that began it can end it
    Column("origin_hash", String(64), nullable=False, unique=True),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
)
