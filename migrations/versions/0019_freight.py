"""freight templates, region groups and entries; products.freight_template_id,
skus.weight_g, refunds.postage_fen

Revision ID: 0019
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('freight_templates',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('merchant_id', BIG_ID, nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_freight_templates_merchant_id_merchants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freight_templates'))
    )
    with op.batch_alter_table('freight_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_freight_templates_merchant_id'), ['merchant_id'], unique=False)

    op.create_table('freight_groups',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('template_id', BIG_ID, nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('first_units', sa.Integer(), nullable=False),
    sa.Column('first_fee_fen', sa.BigInteger(), nullable=False),
    sa.Column('additional_units', sa.Integer(), nullable=False),
    sa.Column('additional_fee_fen', sa.BigInteger(), nullable=False),
    sa.Column('free_over_fen', sa.BigInteger(), nullable=True),
    sa.Column('free_over_count', sa.Integer(), nullable=True),
    sa.CheckConstraint('first_fee_fen >= 0 AND additional_fee_fen >= 0', name=op.f('ck_freight_groups_fees_not_negative')),
    sa.CheckConstraint('first_units >= 1 AND additional_units >= 1', name=op.f('ck_freight_groups_units_positive')),
    sa.ForeignKeyConstraint(['template_id'], ['freight_templates.id'], name=op.f('fk_freight_groups_template_id_freight_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freight_groups')),
    sa.UniqueConstraint('template_id', 'position', name=op.f('uq_freight_groups_template_id_position'))
    )

    op.create_table('freight_regions',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('template_id', BIG_ID, nullable=False),
    sa.Column('group_id', BIG_ID, nullable=True),
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['freight_groups.id'], name=op.f('fk_freight_regions_group_id_freight_groups')),
    sa.ForeignKeyConstraint(['template_id'], ['freight_templates.id'], name=op.f('fk_freight_regions_template_id_freight_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freight_regions')),
    sa.UniqueConstraint('template_id', 'region_code', name=op.f('uq_freight_regions_template_id_region_code'))
    )
    with op.batch_alter_table('freight_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_freight_regions_group_id'), ['group_id'], unique=False)

    # SQLite: ALTER TABLE ADD COLUMN with the constraints inline. A batch
    # "recreate" would drop `products` and `skus`, which other tables' rows
    # reference (foreign keys are on), so it would fail on a filled database.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE products ADD COLUMN freight_template_id INTEGER '
                   'REFERENCES freight_templates (id)')
        op.execute('ALTER TABLE skus ADD COLUMN weight_g INTEGER NOT NULL DEFAULT 0 '
                   'CONSTRAINT ck_skus_weight_not_negative CHECK (weight_g >= 0)')
    else:
        op.add_column('products', sa.Column('freight_template_id', BIG_ID, nullable=True))
        op.create_foreign_key(op.f('fk_products_freight_template_id_freight_templates'),
                              'products', 'freight_templates', ['freight_template_id'], ['id'])
        op.add_column('skus', sa.Column('weight_g', sa.Integer(), nullable=False,
                                        server_default='0'))
        op.create_check_constraint(op.f('ck_skus_weight_not_negative'), 'skus',
                                   'weight_g >= 0')
    op.create_index(op.f('ix_products_freight_template_id'), 'products',
                    ['freight_template_id'], unique=False)

    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postage_fen', sa.BigInteger(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_column('postage_fen')

    op.drop_index(op.f('ix_products_freight_template_id'), table_name='products')
    if op.get_bind().dialect.name == 'sqlite':
        # the column's own CHECK goes with it (SQLite 3.35+); a column with a
        # foreign key cannot be dropped in place, so products is recreated
        op.execute('ALTER TABLE skus DROP COLUMN weight_g')
        with op.batch_alter_table('products', schema=None) as batch_op:
            batch_op.drop_column('freight_template_id')
    else:
        op.drop_constraint(op.f('ck_skus_weight_not_negative'), 'skus', type_='check')
        op.drop_column('skus', 'weight_g')
        op.drop_constraint(op.f('fk_products_freight_template_id_freight_templates'),
                           'products', type_='foreignkey')
        op.drop_column('products', 'freight_template_id')

    with op.batch_alter_table('freight_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freight_regions_group_id'))

    op.drop_table('freight_regions')
    op.drop_table('freight_groups')
    with op.batch_alter_table('freight_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freight_templates_merchant_id'))

    op.drop_table('freight_templates')
