"""the outbox: domain events and the handlers applied to each

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('stream', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('next_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_events'))
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_events_pending', ['done_at', 'next_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_events_stream'), ['stream'], unique=False)

    op.create_table('outbox_applied',
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('handler', sa.String(length=64), nullable=False),
    sa.Column('applied_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['outbox_events.id'], name=op.f('fk_outbox_applied_event_id_outbox_events')),
    sa.PrimaryKeyConstraint('event_id', 'handler', name=op.f('pk_outbox_applied'))
    )


def downgrade() -> None:
    op.drop_table('outbox_applied')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_stream'))
        batch_op.drop_index('ix_outbox_events_pending')
    op.drop_table('outbox_events')
