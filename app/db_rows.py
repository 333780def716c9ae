"""Many rows written with the driver, no ORM unit of work: the hot paths'
batch writers (a batch's orders, lines, seats). SQLite takes them in one
`executemany`, PostgreSQL in one statement of many VALUES. Values are
converted as each column's type converts them for this dialect (a
timezone-aware time stored naive on SQLite), so the rows are those the ORM
would write. Ids a batch needs back are reserved first and given explicitly:
on SQLite the ids after the largest (the caller holds SQLite's write lock,
which every writing transaction takes at BEGIN), on PostgreSQL the table's
own sequence."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def reserve_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """`n` new ids of `table`'s `id` column, ascending."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        return sorted(conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) "
            "FROM generate_series(1, %(n)s)", {"table": table.name, "n": n}).scalars())
    first = conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}").scalar()
    return list(range(first, first + n))


def insert_rows(conn: Connection, table: Table, columns: tuple[str, ...],
                rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `columns`)."""
    if not rows:
        return
    sql, convert = _statement(conn.dialect, table, columns)
    if convert:
        rows = [_converted(row, convert) for row in rows]
    if conn.dialect.name != "postgresql":
        conn.exec_driver_sql(sql, rows)
        return
    # one statement of many VALUES: one execution on the server, not one per row
    for start in range(0, len(rows), PG_ROWS):
        chunk = rows[start:start + PG_ROWS]
        conn.exec_driver_sql(sql + _more_values(len(columns), len(chunk) - 1),
                             tuple(v for row in chunk for v in row))


PG_ROWS = 500  # rows per PostgreSQL statement (its parameters stay far below 65,535)


@lru_cache(maxsize=256)
def _more_values(width: int, n: int) -> str:
    return f", ({', '.join(['%s'] * width)})" * n


def _converted(row: tuple, convert: tuple) -> tuple:
    values = list(row)
    for i, process in convert:
        if values[i] is not None:
            values[i] = process(values[i])
    return tuple(values)


@lru_cache(maxsize=256)
def _statement(dialect, table: Table, columns: tuple[str, ...]):
    """The INSERT in the driver's parameter style, and (index, converter) of
    each column whose value the driver does not take as it is."""
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                  for name in columns]
    return sql, tuple((i, f) for i, f in enumerate(processors) if f is not None)
