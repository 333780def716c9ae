"""Discovery: the search index follows product writes (a session hook),
its models, and the command that rebuilds it."""

from flask import Flask

from app.discovery import index
from app.feature import Feature


def _setup(_app: Flask) -> None:
    index.install()


FEATURE = Feature(name="discovery", setup=_setup, models=("app.discovery.models",),
                  commands=(index.reindex_command,))
