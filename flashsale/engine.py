"""The Redis side of a flash sale: one method per script in lua/, each
script registered once (app/scripts.py) with its codes mapped to domain
errors. Redis filters the crowd; the database has the last word
(flashsale/grabs.py).

On Redis Cluster (a RedisCluster client) every key of a sale shares its
hash tag, so each script runs on the one master holding the sale's slot:
a batch of grabs is pipelined per master, on that master's connections."""

from __future__ import annotations

import os
from dataclasses import dataclass

import redis
from redis.cluster import RedisCluster
from redis.exceptions import AskError, NoScriptError

from app.scripts import Script
from flashsale import errors, keys, rules


def _with(error: type[errors.DomainError], name: str):
    """The error, with the script's next reply item as details[name]."""
    return lambda extra: error(details={name: int(extra[0])} if extra else {})


GRAB = Script(keys.LUA / "grab.lua", {
    -1: errors.StateMissing, -2: errors.Stopped, -3: _with(errors.NotStarted, "opens_at_ms"),
    -4: errors.Ended, -5: errors.InvalidGrabToken, -6: errors.GrabTokenExpired,
    -7: _with(errors.RateLimited, "retry_after_ms"), -8: _with(errors.OverOrderLimit, "limit"),
    -9: _with(errors.LimitReached, "limit"), -10: _with(errors.SoldOut, "remaining"),
})
CONFIRM = Script(keys.LUA / "confirm.lua")
ABORT = Script(keys.LUA / "abort.lua")
GIVE_BACK = Script(keys.LUA / "give_back.lua")
LOAD = Script(keys.LUA / "load.lua")
STOP = Script(keys.LUA / "stop.lua")


def _moved(reply) -> bool:
    """A cluster's redirect (MOVED / ASK): the command did not run there."""
    return isinstance(reply, AskError)  # MovedError is one


@dataclass(frozen=True)
class GrabAsk:
    """What the grab script is asked: who, how many, with which token, when."""

    activity_id: int
    user_id: int
    quantity: int
    token: str
    now_ms: int


@dataclass(frozen=True)
class Win:
    activity_id: int
    user_id: int
    quantity: int
    grab_no: int
    remaining: int


@dataclass(frozen=True)
class LoadedState:
    status: str
    per_user: int
    per_order: int
    quota: int
    intervals_ms: list[tuple[int, int]]
    remaining: int
    users: dict[int, int]
    in_flight: dict[int, tuple[int, int, int]]  # grab no -> (user id, quantity, ms)


class Engine:
    def __init__(self, client: redis.Redis):
        self.redis = client
        self._cluster = isinstance(client, RedisCluster)
        self._idle: dict = {}  # connection pool -> the grab's own connections, see _evalsha
        self._pid = os.getpid()

    def grab(self, activity_id: int, user_id: int, quantity: int, token: str,
             now_ms: int) -> Win:
        """One grab (grab_many of one): take `quantity` units or raise the
        error the script names."""
        (outcome,) = self.grab_many([GrabAsk(activity_id, user_id, quantity, token, now_ms)])
        if isinstance(outcome, errors.DomainError):
            raise outcome
        return outcome

    def grab_many(self, asks: list[GrabAsk]) -> list[Win | errors.DomainError]:
        """Each ask's grab script, all in one round trip, pipelined on one of the
        engine's connections; one Win or domain error per ask, in order.
        Scripts are never run twice (a retry could take units twice): an ask
        whose reply was lost is Unavailable, and the script's in-flight
        record lets the reconcile job give back what it took."""
        commands = [GRAB.command(keys.grab_keys(a.activity_id, a.user_id),
                                 (a.user_id, a.quantity, a.token, a.now_ms, rules.RATE_BURST,
                                  rules.RATE_REFILL_MS)) for a in asks]
        replies = self._by_server(commands)
        missing = [i for i, r in enumerate(replies) if isinstance(r, NoScriptError)]
        if missing:  # a new or flushed server: load the script, then only those again
            try:
                GRAB.load(self.redis)
                again = self._by_server([commands[i] for i in missing])
            except redis.RedisError as exc:
                again = [exc] * len(missing)
            for i, reply in zip(missing, again, strict=True):
                replies[i] = reply
        moved = [i for i, r in enumerate(replies) if _moved(r)]
        if moved:  # the cluster moved a slot (the script never ran): learn the map, once more
            try:
                self.redis.nodes_manager.initialize()
                again = self._by_server([commands[i] for i in moved])
            except redis.RedisError as exc:
                again = [exc] * len(moved)
            for i, reply in zip(moved, again, strict=True):
                replies[i] = reply
        return [self._outcome(a, reply) for a, reply in zip(asks, replies, strict=True)]

    def _by_server(self, commands: list[tuple]) -> list:
        """Each EVALSHA pipelined on the server that holds its first key's slot:
        one server for a plain Redis, a pipeline per master on a cluster. A
        master that failed answers its commands' error; a plain Redis raises
        when nothing was sent, as _pipelined does."""
        if not self._cluster:
            return self._pipelined(commands, self.redis.connection_pool)
        groups: dict = {}
        for i, command in enumerate(commands):
            groups.setdefault(self._pool(command[3]), []).append(i)
        replies: list = [None] * len(commands)
        for pool, idx in groups.items():
            try:
                got = self._pipelined([commands[i] for i in idx], pool)
            except redis.RedisError as exc:
                got = [exc] * len(idx)
            for i, reply in zip(idx, got, strict=True):
                replies[i] = reply
        return replies

    def _pool(self, key: str):
        """The connection pool of the server holding `key` (its slot's master)."""
        if not self._cluster:
            return self.redis.connection_pool
        return self.redis.get_redis_connection(self.redis.get_node_from_key(key)).connection_pool

    def _outcome(self, ask, reply) -> Win | errors.DomainError:
        if isinstance(reply, redis.RedisError):
            return errors.Unavailable(details={"redis": str(reply)[:200]})
        out = GRAB.outcome(reply)
        if isinstance(out, errors.DomainError):
            return out
        if int(reply[0]) == 1:
            return Win(ask.activity_id, ask.user_id, ask.quantity, int(reply[1]), int(reply[2]))
        return errors.Unavailable(details={"code": int(reply[0])})

    def _pipelined(self, commands: list[tuple], pool) -> list:
        """Send every command, then read every reply; an error reply, or the
        error that cut the connection, stands in place of each reply not had.
        Raises only when nothing was sent."""
        for attempt in (0, 1):
            conn, reused = self._connection(pool)
            try:
                conn.send_packed_command(conn.pack_commands(commands))
            except redis.ConnectionError:
                conn.disconnect()  # an idle connection the server had closed: once more
                if reused and attempt == 0:
                    continue
                raise
            except BaseException:
                conn.disconnect()
                raise
            replies: list = []
            try:
                for _ in commands:
                    try:
                        replies.append(conn.read_response())
                    except redis.ResponseError as exc:  # NOSCRIPT included
                        replies.append(exc)
            except redis.RedisError as exc:
                conn.disconnect()
                return replies + [exc] * (len(commands) - len(replies))
            except BaseException:
                conn.disconnect()
                raise
            self._idle[pool].append(conn)
            return replies
        raise AssertionError("unreachable")

    def _evalsha(self, script: Script, keys_: list, args: tuple):
        """EVALSHA on a connection of the engine's own (same settings as the
        client's pool), taken and given back without the pool's per-call
        readiness poll: a connection is put back only after a whole answer
        was read, and one that failed is dropped. A connection that had
        idled and fails is retried once on a new one, as the client's
        retry policy would. On a cluster, the master of the keys' slot; a slot
        that moved (the script never ran) goes through the cluster client."""
        pool = self._pool(keys_[0])
        for attempt in (0, 1):
            conn, reused = self._connection(pool)
            try:
                conn.send_command(*script.command(keys_, args))
                answer = conn.read_response()
            except NoScriptError:  # a new or flushed server: load it, once, the usual way
                self._idle[pool].append(conn)
                return script(self.redis, keys_, args)
            except redis.ResponseError as exc:  # the whole answer was read: the connection is fine
                self._idle[pool].append(conn)
                if _moved(exc):
                    return script(self.redis, keys_, args)
                raise
            except (redis.ConnectionError, redis.TimeoutError):
                conn.disconnect()
                if reused and attempt == 0:
                    continue
                raise
            except BaseException:
                conn.disconnect()
                raise
            self._idle[pool].append(conn)
            return answer
        raise AssertionError("unreachable")

    def idle_connections(self) -> int:
        """The engine's own connections kept for the next grab (every server)."""
        return sum(len(idle) for idle in self._idle.values())

    def _connection(self, pool):
        """An idle connection of the engine's own to `pool`'s server, or a new one."""
        if self._pid != os.getpid():  # a forked child never shares its parent's sockets
            self._idle, self._pid = {}, os.getpid()
        idle = self._idle.setdefault(pool, [])
        try:
            return idle.pop(), True
        except IndexError:
            return pool.connection_class(**pool.connection_kwargs), False

    def store_token(self, activity_id: int, user_id: int, token: str, expires_ms: int) -> None:
        self.store_tokens([(activity_id, user_id, token)], expires_ms)

    def store_tokens(self, tokens: list[tuple[int, int, str]], expires_ms: int) -> None:
        """store_token for each (activity id, user id, token), in one round trip."""
        if not tokens:
            return
        ttl_ms = rules.to_ms_delta(rules.TOKEN_TTL) * 2  # Redis forgets it after the app does
        pipe = self.redis.pipeline(transaction=False)
        for activity_id, user_id, token in tokens:
            pipe.set(keys.token(activity_id, user_id), f"{token}:{expires_ms}", px=ttl_ms)
        pipe.execute()

    def confirm(self, activity_id: int, grab_nos: list[int]) -> int:
        return int(self._evalsha(CONFIRM, [keys.inflight(activity_id)], tuple(grab_nos)))

    def abort(self, activity_id: int, grab_no: int) -> int:
        """Give a win's units back while it is still in flight; -1 if it was not."""
        return int(ABORT(self.redis, [keys.inflight(activity_id), keys.stock(activity_id),
                                      keys.users(activity_id)], [grab_no]))

    def give_back(self, activity_id: int, grab_no: int, user_id: int, quantity: int) -> int:
        """A cancelled order's units back to the sale, once per grab; -1 if not."""
        return int(GIVE_BACK(self.redis, [keys.returned(activity_id), keys.stock(activity_id),
                                          keys.users(activity_id), keys.meta(activity_id)],
                             [grab_no, user_id, quantity]))

    def load(self, activity_id: int, *, status: str, per_user: int, per_order: int,
             quota: int, intervals_ms: list[tuple[int, int]], remaining: int,
             max_grab_no: int, users: dict[int, int], returned: list[int],
             written: list[int]) -> int:
        """Replace the state with the database's; `written`: grab nos still in
        flight that the database already holds; `returned`: grab nos whose
        units the database took back. Returns the remaining stock."""
        open_ms = ",".join(f"{a},{b}" for a, b in intervals_ms)
        pairs = [x for uid, n in sorted(users.items()) for x in (uid, n)]
        return int(LOAD(self.redis, keys.state_keys(activity_id),
                        [status, per_user, per_order, quota, open_ms, remaining, max_grab_no,
                         len(written), *written, len(returned), *returned, *pairs]))

    def in_flight_nos(self, activity_id: int) -> list[int]:
        return sorted(int(no) for no in self.redis.hkeys(keys.inflight(activity_id)))

    def close(self, activity_id: int, status: str) -> bool:
        """No more grabs ('stopped' or 'ended'); the state expires a day later."""
        return bool(STOP(self.redis, keys.state_keys(activity_id),
                         [status, keys.RETIRED_TTL_MS]))

    def remaining(self, activity_id: int) -> int | None:
        value = self.redis.get(keys.stock(activity_id))
        return None if value is None else int(value)

    def read(self, activity_id: int) -> LoadedState | None:
        """The loaded state in one snapshot (MULTI), for drift checks; None
        when not loaded."""
        pipe = self.redis.pipeline(transaction=True)
        pipe.hgetall(keys.meta(activity_id))
        pipe.get(keys.stock(activity_id))
        pipe.hgetall(keys.users(activity_id))
        pipe.hgetall(keys.inflight(activity_id))
        meta, stock, users, flying = pipe.execute()
        if not meta:
            return None
        nums = [int(x) for x in meta["open"].split(",") if x]
        return LoadedState(meta["status"], int(meta["per_user"]), int(meta["per_order"]),
                           int(meta["quota"]), list(zip(nums[::2], nums[1::2], strict=True)),
                           int(stock or 0), {int(k): int(v) for k, v in users.items()},
                           {int(no): tuple(int(x) for x in rec.split(":"))
                            for no, rec in flying.items()})

