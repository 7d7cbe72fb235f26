"""every kind of input on a step belongs to a round (skips, pain points, highlights, like
ratings since 0003): a second round of a journey starts with an empty sheet for everyone,
and the first round's input stays as it was

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('skips', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.drop_constraint('uq_skips_step_participant', type_='unique')
        batch_op.create_unique_constraint(
            'uq_skips_step_participant', ['step_id', 'participant_id', 'round'])
    for table in ('pain_points', 'highlights'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False,
                                          server_default='1'))


def downgrade() -> None:
    for table in ('pain_points', 'highlights'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('round')
    with op.batch_alter_table('skips', schema=None) as batch_op:
        batch_op.drop_constraint('uq_skips_step_participant', type_='unique')
        batch_op.create_unique_constraint(
            'uq_skips_step_participant', ['step_id', 'participant_id'])
        batch_op.drop_column('round')
