"""after-sales: requests, their lines and timeline, merchant settings; exchange packages

Revision ID: 0023
Revises: 0022
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
WHEN = app.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('packages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.String(length=16), server_default='',
                                      nullable=False))

    op.create_table('after_sales',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('order_id', BIG_ID, nullable=False),
    sa.Column('merchant_id', BIG_ID, nullable=False),
    sa.Column('buyer_id', BIG_ID, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason_code', sa.String(length=32), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('photos', sa.Text(), nullable=False),
    sa.Column('cap_fen', sa.BigInteger(), nullable=False),
    sa.Column('asked_fen', sa.BigInteger(), nullable=False),
    sa.Column('agreed_fen', sa.BigInteger(), nullable=True),
    sa.Column('proposed_fen', sa.BigInteger(), nullable=True),
    sa.Column('reject_reason', sa.String(length=200), nullable=False),
    sa.Column('return_carrier', sa.String(length=8), nullable=False),
    sa.Column('return_tracking_no', sa.String(length=32), nullable=False),
    sa.Column('restock', sa.Boolean(), nullable=False),
    sa.Column('refund_id', BIG_ID, nullable=True),
    sa.Column('exchange_package_id', BIG_ID, nullable=True),
    sa.Column('deadline_at', WHEN, nullable=True),
    sa.Column('created_at', WHEN, nullable=False),
    sa.Column('updated_at', WHEN, nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['users.id'], name=op.f('fk_after_sales_buyer_id_users')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_after_sales_merchant_id_merchants')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_after_sales_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_after_sales'))
    )
    with op.batch_alter_table('after_sales', schema=None) as batch_op:
        for column in ('buyer_id', 'created_at', 'deadline_at', 'merchant_id', 'order_id',
                       'status'):
            batch_op.create_index(batch_op.f(f'ix_after_sales_{column}'), [column], unique=False)

    op.create_table('after_sale_lines',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('after_sale_id', BIG_ID, nullable=False),
    sa.Column('order_line_id', BIG_ID, nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('cap_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['after_sale_id'], ['after_sales.id'], name=op.f('fk_after_sale_lines_after_sale_id_after_sales')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_after_sale_lines_order_line_id_order_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_after_sale_lines'))
    )
    with op.batch_alter_table('after_sale_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_after_sale_lines_after_sale_id'), ['after_sale_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_after_sale_lines_order_line_id'), ['order_line_id'], unique=False)

    op.create_table('after_sale_events',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('after_sale_id', BIG_ID, nullable=False),
    sa.Column('at', WHEN, nullable=False),
    sa.Column('actor', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['after_sale_id'], ['after_sales.id'], name=op.f('fk_after_sale_events_after_sale_id_after_sales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_after_sale_events'))
    )
    with op.batch_alter_table('after_sale_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_after_sale_events_after_sale_id'), ['after_sale_id'], unique=False)

    op.create_table('after_sale_settings',
    sa.Column('merchant_id', BIG_ID, nullable=False),
    sa.Column('return_recipient', sa.String(length=25), nullable=False),
    sa.Column('return_phone', sa.String(length=20), nullable=False),
    sa.Column('return_address', sa.String(length=200), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('review_hours', sa.Integer(), nullable=False),
    sa.Column('ship_days', sa.Integer(), nullable=False),
    sa.Column('confirm_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', WHEN, nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_after_sale_settings_merchant_id_merchants')),
    sa.PrimaryKeyConstraint('merchant_id', name=op.f('pk_after_sale_settings'))
    )


def downgrade() -> None:
    op.drop_table('after_sale_settings')
    with op.batch_alter_table('after_sale_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_after_sale_events_after_sale_id'))
    op.drop_table('after_sale_events')
    with op.batch_alter_table('after_sale_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_after_sale_lines_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_after_sale_lines_after_sale_id'))
    op.drop_table('after_sale_lines')
    with op.batch_alter_table('after_sales', schema=None) as batch_op:
        for column in ('buyer_id', 'created_at', 'deadline_at', 'merchant_id', 'order_id',
                       'status'):
            batch_op.drop_index(batch_op.f(f'ix_after_sales_{column}'))
    op.drop_table('after_sales')
    with op.batch_alter_table('packages', schema=None) as batch_op:
        batch_op.drop_column('purpose')
