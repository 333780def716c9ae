"""addresses, and each order's delivery kind and ship-to copy

Revision ID: 0018
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
SHIP_TO = (('ship_to_name', 25), ('ship_to_phone', 11), ('ship_to_province', 40),
           ('ship_to_city', 40), ('ship_to_district', 40), ('ship_to_region_code', 6),
           ('ship_to_detail', 120))


def upgrade() -> None:
    op.create_table('addresses',
    sa.Column('id', ID, nullable=False),
    sa.Column('user_id', ID, nullable=False),
    sa.Column('recipient', sa.String(length=25), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=120), nullable=False),
    sa.Column('tag', sa.String(length=10), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_addresses_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addresses'))
    )
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addresses_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivery_kind', sa.String(length=16),
                                      server_default='express', nullable=False))
        for name, length in SHIP_TO:
            batch_op.add_column(sa.Column(name, sa.String(length=length), server_default='',
                                          nullable=False))
    # orders placed at a pickup point before delivery kinds existed
    op.execute("UPDATE orders SET delivery_kind = 'pickup' WHERE leader_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        for name, _length in reversed(SHIP_TO):
            batch_op.drop_column(name)
        batch_op.drop_column('delivery_kind')
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addresses_user_id'))
    op.drop_table('addresses')
