"""live rooms survive a Redis loss: likes flushed, audience, kicks

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('live_rooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('likes_flushed', sa.BigInteger(), nullable=False,
                                      server_default='0'))
    # the saved figure is the best count the database had of them
    op.execute("UPDATE live_rooms SET likes_flushed = likes")
    op.create_table('live_audience',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('room_id', BIG_ID, nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('user_id', BIG_ID, nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['live_rooms.id'], name=op.f('fk_live_audience_room_id_live_rooms')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_live_audience_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_audience')),
    sa.UniqueConstraint('room_id', 'kind', 'user_id', name=op.f('uq_live_audience_room_id_kind_user_id'))
    )


def downgrade() -> None:
    op.drop_table('live_audience')
    op.execute("DELETE FROM live_moderations WHERE action = 'kick'")
    with op.batch_alter_table('live_rooms', schema=None) as batch_op:
        batch_op.drop_column('likes_flushed')

