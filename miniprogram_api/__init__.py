"""/mp/v1: the mini-program's JSON API. Thin views only: parse, call one
use case, shape. Wired by feature.py (the grab's lean path included)."""
