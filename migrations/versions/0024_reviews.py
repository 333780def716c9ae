"""reviews: reviews, their images and reports, merchants' blocked words

Revision ID: 0024
Revises: 0023
"""
from alembic import op
import sqlalchemy as sa

import app.db


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('review_keywords',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('merchant_id', BIG_ID, nullable=False),
    sa.Column('word', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_review_keywords_merchant_id_merchants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_keywords')),
    sa.UniqueConstraint('merchant_id', 'word', name=op.f('uq_review_keywords_merchant_id_word'))
    )
    with op.batch_alter_table('review_keywords', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_keywords_merchant_id'), ['merchant_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('order_line_id', BIG_ID, nullable=False),
    sa.Column('order_id', BIG_ID, nullable=False),
    sa.Column('merchant_id', BIG_ID, nullable=False),
    sa.Column('product_id', BIG_ID, nullable=False),
    sa.Column('sku_id', BIG_ID, nullable=False),
    sa.Column('buyer_id', BIG_ID, nullable=False),
    sa.Column('spec', sa.String(length=120), nullable=False),
    sa.Column('rating', sa.SmallInteger(), nullable=False),
    sa.Column('content', sa.String(length=500), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=16), nullable=False),
    sa.Column('report_count', sa.Integer(), nullable=False),
    sa.Column('has_pictures', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('follow_up_content', sa.String(length=500), nullable=False),
    sa.Column('follow_up_status', sa.String(length=16), nullable=False),
    sa.Column('follow_up_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reply_content', sa.String(length=500), nullable=False),
    sa.Column('replied_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('replied_by', BIG_ID, nullable=True),
    sa.ForeignKeyConstraint(['buyer_id'], ['users.id'], name=op.f('fk_reviews_buyer_id_users')),
    sa.ForeignKeyConstraint(['merchant_id'], ['merchants.id'], name=op.f('fk_reviews_merchant_id_merchants')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_reviews_order_id_orders')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_reviews_order_line_id_order_lines')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_reviews_product_id_products')),
    sa.ForeignKeyConstraint(['replied_by'], ['users.id'], name=op.f('fk_reviews_replied_by_users')),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.id'], name=op.f('fk_reviews_sku_id_skus')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('order_line_id', name=op.f('uq_reviews_order_line_id'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_merchant_id'), ['merchant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_reviews_product_public', ['product_id', 'status', 'hidden'], unique=False)

    op.create_table('review_images',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('review_id', BIG_ID, nullable=False),
    sa.Column('part', sa.String(length=16), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('upload_id', BIG_ID, nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_images_review_id_reviews')),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_review_images_upload_id_uploads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_images')),
    sa.UniqueConstraint('review_id', 'part', 'position', name=op.f('uq_review_images_review_id_part_position'))
    )
    with op.batch_alter_table('review_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_images_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_images_upload_id'), ['upload_id'], unique=False)

    op.create_table('review_reports',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('review_id', BIG_ID, nullable=False),
    sa.Column('user_id', BIG_ID, nullable=False),
    sa.Column('reason', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_reports_review_id_reviews')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_reports_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_reports')),
    sa.UniqueConstraint('review_id', 'user_id', name=op.f('uq_review_reports_review_id_user_id'))
    )
    with op.batch_alter_table('review_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_reports_review_id'), ['review_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_reports_review_id'))

    op.drop_table('review_reports')
    with op.batch_alter_table('review_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_images_upload_id'))
        batch_op.drop_index(batch_op.f('ix_review_images_review_id'))

    op.drop_table('review_images')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_reviews_product_public')
        batch_op.drop_index(batch_op.f('ix_reviews_order_id'))
        batch_op.drop_index(batch_op.f('ix_reviews_merchant_id'))
        batch_op.drop_index(batch_op.f('ix_reviews_buyer_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('review_keywords', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_keywords_merchant_id'))

    op.drop_table('review_keywords')
