"""shipping and tracking: packages, their lines, tracking events

Revision ID: 0021
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('packages',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('order_id', BIG_ID, nullable=False),
    sa.Column('carrier', sa.String(length=8), nullable=False),
    sa.Column('tracking_no', sa.String(length=32), nullable=False),
    sa.Column('shipped_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('shipped_by', BIG_ID, nullable=False),
    sa.Column('state', sa.String(length=24), server_default='', nullable=False),
    sa.Column('signed_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_packages_order_id_orders')),
    sa.ForeignKeyConstraint(['shipped_by'], ['users.id'], name=op.f('fk_packages_shipped_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_packages')),
    sa.UniqueConstraint('carrier', 'tracking_no', name=op.f('uq_packages_carrier_tracking_no'))
    )
    with op.batch_alter_table('packages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_packages_order_id'), ['order_id'], unique=False)

    op.create_table('package_lines',
    sa.Column('package_id', BIG_ID, nullable=False),
    sa.Column('order_line_id', BIG_ID, nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_package_lines_order_line_id_order_lines')),
    sa.ForeignKeyConstraint(['package_id'], ['packages.id'], name=op.f('fk_package_lines_package_id_packages')),
    sa.PrimaryKeyConstraint('package_id', 'order_line_id', name=op.f('pk_package_lines'))
    )

    op.create_table('tracking_events',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('package_id', BIG_ID, nullable=False),
    sa.Column('at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('context', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('location', sa.String(length=100), nullable=False),
    sa.Column('provider', sa.String(length=16), nullable=False),
    sa.Column('received_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['packages.id'], name=op.f('fk_tracking_events_package_id_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracking_events')),
    sa.UniqueConstraint('package_id', 'at', 'context', name=op.f('uq_tracking_events_package_id_at_context'))
    )
    with op.batch_alter_table('tracking_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_events_package_id'), ['package_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tracking_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_events_package_id'))
    op.drop_table('tracking_events')
    op.drop_table('package_lines')
    with op.batch_alter_table('packages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_packages_order_id'))
    op.drop_table('packages')
