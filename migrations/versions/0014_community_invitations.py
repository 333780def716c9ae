"""community owners and leaders by invitation: a community has no owner
until the invited user accepts

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('community_invitations',
    sa.Column('id', ID, nullable=False),
    sa.Column('community_id', ID, nullable=False),
    sa.Column('user_id', ID, nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('commission_bps', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('invited_by', ID, nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                            name=op.f('fk_community_invitations_community_id_communities')),
    sa.ForeignKeyConstraint(['invited_by'], ['users.id'],
                            name=op.f('fk_community_invitations_invited_by_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_community_invitations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_invitations')),
    sa.UniqueConstraint('community_id', 'user_id',
                        name=op.f('uq_community_invitations_community_id_user_id'))
    )
    with op.batch_alter_table('community_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_invitations_user_id'), ['user_id'],
                              unique=False)
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.alter_column('owner_id', existing_type=ID, nullable=True)


def downgrade() -> None:
    # a community still without an owner gets back the user invited to own it
    op.execute("UPDATE communities SET owner_id = (SELECT i.user_id FROM community_invitations i "
               "WHERE i.community_id = communities.id AND i.role = 'owner' "
               "ORDER BY i.id DESC LIMIT 1) WHERE owner_id IS NULL")
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.alter_column('owner_id', existing_type=ID, nullable=False)
    with op.batch_alter_table('community_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_invitations_user_id'))
    op.drop_table('community_invitations')
