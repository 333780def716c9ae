"""points note: the reason staff give for a manual points adjustment

Revision ID: 0028
Revises: 0027
"""
from alembic import op
import sqlalchemy as sa


revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mem_points_entries') as batch:
        batch.add_column(sa.Column('note', sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mem_points_entries') as batch:
        batch.drop_column('note')
