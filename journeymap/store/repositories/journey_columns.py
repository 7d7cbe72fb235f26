"""A journey's rows as columns, for the analysis (the Insight page's
:func:`~journeymap.services.insight.journey_frames`): the map as a few small lists of rows,
and every kind of input as a DataFrame read straight from the driver's tuples — never one
object per rating, so a million ratings load in seconds.

Each DataFrame has the columns named in its method's docstring, in that order, with the
database ids of steps and people (``step_id``, ``participant_id``); turning ids into keys and
deciding who sees which row is the service's work.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from journeymap.store import schema as T

from .rows import Repository


def frame(conn, query, columns: list[str]) -> pd.DataFrame:
    """The rows of ``query`` as a DataFrame with these column names (an empty frame of
    object columns when there are none)."""
    result = conn.execute(query)
    try:  # the driver's own tuples: the selected types need no conversion by SQLAlchemy
        rows = result.cursor.fetchall()
    except AttributeError:  # pragma: no cover - a result without a DBAPI cursor
        rows = result.all()
    finally:
        result.close()
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({name: pd.Series(values, dtype=object if not values else None)
                         for name, values in zip(columns, cols)})


class JourneyColumns(Repository):
    # the map ------------------------------------------------------------------------------
    def title_and_language(self, journey_id: int):
        """``(title, language)``: the journey's title and its workshop's language."""
        return self.conn.execute(select(T.journeys.c.title, T.workshops.c.language)
                                 .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
                                 .where(T.journeys.c.id == journey_id)).one()

    def stages(self, journey_id: int) -> list:
        """``(id, key, name)`` of the journey's stages in their order."""
        return self.conn.execute(select(T.stages.c.id, T.stages.c.key, T.stages.c.name)
                                 .where(T.stages.c.journey_id == journey_id)
                                 .order_by(T.stages.c.position, T.stages.c.id)).all()

    def steps(self, journey_id: int) -> list:
        """``(id, key, title, stage_id, lane, channel, moment_of_truth)`` of the journey's
        steps by position (the walk's order is the graph's to decide)."""
        s = T.steps.c
        return self.conn.execute(select(s.id, s.key, s.title, s.stage_id, s.lane, s.channel,
                                        s.moment_of_truth)
                                 .where(s.journey_id == journey_id)
                                 .order_by(s.position, s.id)).all()

    def transitions(self, journey_id: int) -> pd.DataFrame:
        """``source_id, target_id, label``, oldest first."""
        t = T.transitions.c
        return frame(self.conn, select(t.source_id, t.target_id, t.label)
                     .where(t.journey_id == journey_id).order_by(t.id),
                     ["source_id", "target_id", "label"])

    def participants(self, workshop_id: int) -> pd.DataFrame:
        """``id, key, name, role, anonymous`` of the workshop's people, oldest first."""
        p = T.participants.c
        return frame(self.conn, select(p.id, p.key, p.name, p.role, p.anonymous)
                     .where(p.workshop_id == workshop_id).order_by(p.id),
                     ["id", "key", "name", "role", "anonymous"])

    # input on steps -----------------------------------------------------------------------
    def _input(self, journey_id: int, table, *cols, where=None) -> pd.DataFrame:
        """``step_id, participant_id`` and ``cols`` of the journey's rows of ``table``,
        oldest first."""
        q = (select(table.c.step_id, table.c.participant_id, *cols)
             .join(T.steps, T.steps.c.id == table.c.step_id)
             .where(T.steps.c.journey_id == journey_id))
        if where is not None:
            q = q.where(where)
        return frame(self.conn, q.order_by(table.c.id),
                     ["step_id", "participant_id"] + [c.name for c in cols])

    def ratings(self, journey_id: int) -> pd.DataFrame:
        """``step_id, participant_id, perspective, emotion, effort, success, comment, round``
        of every rating in every round."""
        r = T.ratings.c
        return self._input(journey_id, T.ratings, r.perspective, r.emotion, r.effort,
                           r.success, r.comment, r["round"])

    def pain_points(self, journey_id: int) -> pd.DataFrame:
        """``step_id, participant_id, id, key, text, severity, pillar, perspective,
        imported_votes, round`` of the pain points not merged into another."""
        p = T.pain_points.c
        return self._input(journey_id, T.pain_points, p.id, p.key, p.text, p.severity,
                           p.pillar, p.perspective, p.imported_votes, p["round"],
                           where=p.merged_into_id.is_(None))

    def highlights(self, journey_id: int) -> pd.DataFrame:
        """``step_id, participant_id, text, perspective, round``."""
        h = T.highlights.c
        return self._input(journey_id, T.highlights, h.text, h.perspective, h["round"])

    def skips(self, journey_id: int) -> pd.DataFrame:
        """``step_id, participant_id, round`` of the skips of every round."""
        return self._input(journey_id, T.skips, T.skips.c["round"])

    def proposals(self, journey_id: int) -> pd.DataFrame:
        """``participant_id, title, stage_id, after_step_id, description, status``, oldest
        first."""
        p = T.proposals.c
        return frame(self.conn, select(p.participant_id, p.title, p.stage_id, p.after_step_id,
                                       p.description, p.status)
                     .where(p.journey_id == journey_id).order_by(p.id),
                     ["participant_id", "title", "stage_id", "after_step_id", "description",
                      "status"])

    # who answered what, and the actions ---------------------------------------------------
    def segment_answers(self, workshop_id: int) -> pd.DataFrame:
        """``participant_id, segment_id, option`` of every answer given in the workshop."""
        ps = T.participant_segments
        return frame(self.conn, select(ps.c.participant_id, ps.c.segment_id, ps.c.option)
                     .join(T.participants, T.participants.c.id == ps.c.participant_id)
                     .where(T.participants.c.workshop_id == workshop_id),
                     ["participant_id", "segment_id", "option"])

    def action_steps(self, journey_id: int) -> list:
        """``(opportunity_id, step_id)``: the steps of the pain points each of the journey's
        actions is linked to."""
        links = T.opportunity_pain_points
        return self.conn.execute(
            select(links.c.opportunity_id, T.pain_points.c.step_id)
            .join(T.pain_points, T.pain_points.c.id == links.c.pain_point_id)
            .join(T.opportunities, T.opportunities.c.id == links.c.opportunity_id)
            .where(T.opportunities.c.journey_id == journey_id)).all()
