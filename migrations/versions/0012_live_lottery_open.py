"""live lotteries open before they are drawn

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('live_lotteries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.String(length=8), nullable=False,
                                      server_default='drawn'))
        batch_op.add_column(sa.Column('after_message_id', sa.BigInteger(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('opened_at', app.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.alter_column('drawn_at', existing_type=app.db.UTCDateTime(timezone=True),
                              nullable=True)
    op.execute("UPDATE live_lotteries SET opened_at = drawn_at")
    with op.batch_alter_table('live_lotteries', schema=None) as batch_op:
        batch_op.alter_column('opened_at', existing_type=app.db.UTCDateTime(timezone=True),
                              nullable=False)


def downgrade() -> None:
    op.execute("DELETE FROM live_lottery_winners WHERE lottery_id IN "
               "(SELECT id FROM live_lotteries WHERE drawn_at IS NULL)")
    op.execute("DELETE FROM live_lotteries WHERE drawn_at IS NULL")
    with op.batch_alter_table('live_lotteries', schema=None) as batch_op:
        batch_op.alter_column('drawn_at', existing_type=app.db.UTCDateTime(timezone=True),
                              nullable=False)
        batch_op.drop_column('opened_at')
        batch_op.drop_column('after_message_id')
        batch_op.drop_column('state')
