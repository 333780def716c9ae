"""Uploads: the image store (STORAGE_URL), the upload and media routes,
product pictures in the catalogue's outputs."""

from flask import Flask

from app.feature import Feature
from app.uploads import storage


def make_storage(app: Flask) -> None:
    settings = app.extensions["mall.settings"]
    app.extensions["uploads.storage"] = storage.from_url(settings.storage_url,
                                                         settings.instance_dir)


FEATURE = Feature(name="uploads", setup=make_storage, models=("app.uploads.models",))
