"""bargain anti-fraud: risk settings per activity, risk and origin per help

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SETTINGS = (('min_account_age_s', sa.Integer(), '86400'),
            ('sharer_daily_help_limit', sa.Integer(), '100'),
            ('risk_threshold', sa.Integer(), '50'),
            ('risk_action', sa.String(length=8), 'reduce'),
            ('risky_cut_bps', sa.Integer(), '2000'))


def upgrade() -> None:
    with op.batch_alter_table('bg_activities', schema=None) as batch_op:
        for name, type_, default in SETTINGS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=default))
    with op.batch_alter_table('bg_helps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starter_id', sa.BigInteger().with_variant(
            sa.Integer(), 'sqlite'), nullable=True))
        batch_op.add_column(sa.Column('head_fen', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('ip', sa.String(length=45), nullable=True))
        batch_op.add_column(sa.Column('device_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('risk_score', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('risk_reasons', sa.String(length=100), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('risky', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    # helps made before: each took its whole cut, for its bargain's starter
    op.execute("UPDATE bg_helps SET head_fen = cut_fen, starter_id = "
               "(SELECT starter_id FROM bg_bargains WHERE bg_bargains.id = bg_helps.bargain_id)")
    with op.batch_alter_table('bg_helps', schema=None) as batch_op:
        batch_op.alter_column('starter_id', existing_type=sa.BigInteger().with_variant(
            sa.Integer(), 'sqlite'), nullable=False)
        batch_op.alter_column('head_fen', existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_foreign_key('fk_bg_helps_starter_id_users', 'users', ['starter_id'],
                                    ['id'])
        batch_op.create_index('ix_bg_helps_starter_day', ['starter_id', 'day'], unique=False)
        batch_op.create_index('ix_bg_helps_device_day', ['device_id', 'day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bg_helps', schema=None) as batch_op:
        batch_op.drop_index('ix_bg_helps_device_day')
        batch_op.drop_index('ix_bg_helps_starter_day')
        batch_op.drop_constraint('fk_bg_helps_starter_id_users', type_='foreignkey')
        for name in ('risky', 'risk_reasons', 'risk_score', 'device_id', 'ip', 'head_fen',
                     'starter_id'):
            batch_op.drop_column(name)
    with op.batch_alter_table('bg_activities', schema=None) as batch_op:
        for name, _, _ in reversed(SETTINGS):
            batch_op.drop_column(name)
