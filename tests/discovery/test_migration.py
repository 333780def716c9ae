"""Migration 0027 indexes the products that were there before it."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from app.discovery import rules
from app.migrate import upgrade


def test_products_made_before_the_index_are_found_after_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0026")
    engine = create_engine(url)
    with engine.begin() as conn:
        # a bare connection: SQLite leaves foreign keys unchecked, no merchant needed
        conn.execute(text("INSERT INTO products (id, merchant_id, title, description, image_url, "
                          "category, status, created_at) VALUES (7, 1, '安溪铁观音乌龙', '', '', "
                          "'', 'on_sale', '2026-01-01 00:00:00')"))
    upgrade(url)
    with engine.connect() as conn:
        terms = set(conn.execute(text("SELECT term FROM search_terms WHERE product_id = 7"))
                    .scalars())
    engine.dispose()
    assert terms == rules.index_terms("安溪铁观音乌龙")
