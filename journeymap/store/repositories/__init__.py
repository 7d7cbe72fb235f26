"""Repositories: every SQL statement of the application, grouped by what the rows hold.

A repository is bound to the connection of one unit of work and is reached through it::

    with store.write() as uow:
        ws = uow.workshops.get(workshop_id)
        uow.changes.record(ws.id, "phase.vote", actor.name)
        uow.commit()

Services never build SQL; they call these methods and decide what the use case means.
"""

from __future__ import annotations

from .accounts import AccountRepository
from .changes import ChangeLog
from .invitations import InvitationRepository
from .journey_columns import JourneyColumns
from .journeys import JourneyRepository
from .opportunities import OpportunityRepository
from .pain_points import PainPointRepository
from .participants import ParticipantRepository
from .progress import ProgressRepository
from .proposals import ProposalRepository
from .ratings import InputRepository
from .replies import ReplyRepository
from .rounds import RoundRepository
from .segments import SegmentRepository
from .sessions import SessionRepository
from .stages import StageRepository
from .steps import StepRepository
from .transitions import TransitionRepository
from .votes import VoteRepository
from .whole_journeys import WholeJourneys
from .workshops import WorkshopRepository

#: the attribute of the unit of work -> the repository class behind it
REPOSITORIES: dict[str, type] = {
    "accounts": AccountRepository,
    "changes": ChangeLog,
    "inputs": InputRepository,
    "invitations": InvitationRepository,
    "journey_columns": JourneyColumns,
    "journeys": JourneyRepository,
    "opportunities": OpportunityRepository,
    "pain_points": PainPointRepository,
    "participants": ParticipantRepository,
    "progress": ProgressRepository,
    "proposals": ProposalRepository,
    "replies": ReplyRepository,
    "rounds": RoundRepository,
    "segments": SegmentRepository,
    "sessions": SessionRepository,
    "stages": StageRepository,
    "steps": StepRepository,
    "transitions": TransitionRepository,
    "votes": VoteRepository,
    "whole_journeys": WholeJourneys,
    "workshops": WorkshopRepository,
}
