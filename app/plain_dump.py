"""A schema's dump of plain values, for a hot path's answer: each field's
own `_serialize` called straight from a dict, without marshmallow's
per-field lookups (accessors, dotted paths, hooks), so the answer is what
`schema.dump` gives for the same mapping. Built once per schema; a schema
this cannot mirror exactly (dump hooks, dotted or computed attributes) is
refused when the dumper is built, not answered differently."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

Dumper = Callable[[Mapping], dict]


def dumper(schema: Schema) -> Dumper:
    """`schema.dump(values)` for a mapping `values` (nested ones likewise)."""
    if schema.many:
        raise ValueError(f"{type(schema).__name__}: many is not mirrored")
    return _one(schema)


def _one(schema: Schema) -> Dumper:
    if any(schema._hooks[tag] for tag in (PRE_DUMP, POST_DUMP)):
        raise ValueError(f"{type(schema).__name__}: dump hooks are not mirrored")
    plan = [_field(name, field) for name, field in schema.dump_fields.items()]

    def dump(values: Mapping) -> dict:
        out = {}
        for key, attr, default, serialize in plan:
            value = values.get(attr, default)
            if value is not missing:
                out[key] = serialize(value, attr, values)
        return out
    return dump


def _field(name: str, field: fields.Field):
    """(output key, attribute, dump default, serializer) of one field."""
    attr = field.attribute or name
    if "." in attr or not field._CHECK_ATTRIBUTE or callable(field.dump_default):
        raise ValueError(f"field {name!r} is not mirrored")
    key = field.data_key if field.data_key is not None else name
    return key, attr, field.dump_default, _serializer(field)


def _serializer(field: fields.Field):
    if isinstance(field, fields.Nested):
        inner = _one(field.schema)
        if field.many or field.schema.many:
            return lambda v, *_: None if v is None else [inner(x) for x in v]
        return lambda v, *_: None if v is None else inner(v)
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        nested = _serializer(field.inner)
        return lambda v, attr, obj: None if v is None else [nested(x, attr, obj) for x in v]
    return field._serialize
