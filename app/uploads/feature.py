"""Uploads: the image store (STORAGE_URL), the upload and media routes,
product pictures in the catalogue's outputs (app/uploads/products.py
registers their lookup)."""

from flask import Flask

from app.feature import Feature
from app.uploads import storage
from app.uploads.api import media_bp, staff_bp


def make_storage(app: Flask) -> None:
    settings = app.extensions["mall.settings"]
    app.extensions["uploads.storage"] = storage.from_url(settings.storage_url,
                                                         settings.instance_dir)


FEATURE = Feature(name="uploads", setup=make_storage, blueprints=(staff_bp, media_bp),
                  models=("app.uploads.models",))
