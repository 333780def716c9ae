"""The OpenAPI document's own rules, kept beside the schemas it is made of:
the one error shape and the errors each operation can answer
(errors.py, codes.py), the bearer scheme and the words before the paths
(spec.py)."""
