"""points note: the reason staff give for a manual points adjustment

Revision ID: 0027
Revises: 0026
"""
from alembic import op
import sqlalchemy as sa


revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mem_points_entries') as batch:
        batch.add_column(sa.Column('note', sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mem_points_entries') as batch:
        batch.drop_column('note')
