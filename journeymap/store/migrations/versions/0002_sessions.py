"""facilitator sessions that survive a reload

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=True),
        sa.Column('token_hash', sa.String(length=64), nullable=True),
        sa.Column('origin_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'],
                                name=op.f('fk_sessions_account_id_accounts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
        sa.UniqueConstraint('code_hash', name=op.f('uq_sessions_code_hash')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sessions_token_hash')),
        sa.UniqueConstraint('origin_hash', name=op.f('uq_sessions_origin_hash')),
    )


def downgrade() -> None:
    op.drop_table('sessions')
