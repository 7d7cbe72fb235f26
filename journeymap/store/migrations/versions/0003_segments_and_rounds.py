"""segments (participant attributes) and rounds (a journey run again)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'segments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('question', sa.String(length=200), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                                name=op.f('fk_segments_workshop_id_workshops'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_segments')),
        sa.UniqueConstraint('workshop_id', 'key', name='uq_segments_workshop_key'),
    )
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segments_workshop_id'), ['workshop_id'],
                              unique=False)
    op.create_table(
        'participant_segments',
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('segment_id', sa.Integer(), nullable=False),
        sa.Column('option', sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                                name=op.f('fk_participant_segments_participant_id_participants'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['segment_id'], ['segments.id'],
                                name=op.f('fk_participant_segments_segment_id_segments'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('participant_id', 'segment_id',
                                name=op.f('pk_participant_segments')),
    )
    op.create_table(
        'journey_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('journey_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('date', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['journey_id'], ['journeys.id'],
                                name=op.f('fk_journey_rounds_journey_id_journeys'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_journey_rounds')),
        sa.UniqueConstraint('journey_id', 'number', name='uq_journey_rounds_number'),
    )
    with op.batch_alter_table('journey_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journey_rounds_journey_id'), ['journey_id'],
                              unique=False)
    # a rating belongs to a round; one per person, step, perspective and round
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.drop_constraint('uq_ratings_one_view', type_='unique')
        batch_op.create_unique_constraint(
            'uq_ratings_one_view', ['step_id', 'participant_id', 'perspective', 'round'])


def downgrade() -> None:
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_constraint('uq_ratings_one_view', type_='unique')
        batch_op.create_unique_constraint(
            'uq_ratings_one_view', ['step_id', 'participant_id', 'perspective'])
        batch_op.drop_column('round')
    op.drop_table('journey_rounds')
    op.drop_table('participant_segments')
    op.drop_table('segments')
