# PostgreSQL and redis-server for CI's second leg: Debian's packages, a
# private cluster in a temp dir on port 55432 (trust on loopback), and a
# throwaway redis-server on port 6390 (CI_PG_PORT / CI_REDIS_PORT move them).
# Sourced by .ci/run.
PG_PORT=${CI_PG_PORT:-55432}
REDIS_PORT=${CI_REDIS_PORT:-6390}
CI_DATABASE_URL="postgresql://postgres@127.0.0.1:${PG_PORT}/mall_test"
CI_REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"

start_services() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null; then
    echo "[ci] installing postgresql and redis-server"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DATA=$(mktemp -d /tmp/ci-pg.XXXXXX)
  chown postgres:postgres "$PG_DATA"
  su postgres -c "$PG_BIN/initdb -N -D $PG_DATA -A trust -U postgres" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -w -l $PG_DATA/log \
      -o '-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=300' start" >/dev/null
  su postgres -c "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT mall_test"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --pidfile /tmp/ci-redis-${REDIS_PORT}.pid
  echo "[ci] postgres on $PG_PORT, redis on $REDIS_PORT"
}

stop_services() {
  [ -n "${PG_DATA:-}" ] && su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -m fast stop" >/dev/null 2>&1
  [ -f /tmp/ci-redis-${REDIS_PORT}.pid ] && kill "$(cat /tmp/ci-redis-${REDIS_PORT}.pid)" 2>/dev/null
  return 0
}
