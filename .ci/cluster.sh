# A Redis Cluster of three masters (no replicas) from Debian's redis-server on
# loopback ports 7101-7103, and a plain redis-server on 7100 for what cannot
# run on a cluster (RQ's queues, Socket.IO's message queue). Sourced by .ci/run
# (or by hand: `source .ci/cluster.sh; start_cluster; ...; stop_cluster`).
# CI_CLUSTER_PORTS / CI_CLUSTER_QUEUE_PORT move them.
CLUSTER_PORTS=${CI_CLUSTER_PORTS:-"7101 7102 7103"}
CLUSTER_QUEUE_PORT=${CI_CLUSTER_QUEUE_PORT:-7100}
CI_CLUSTER_URL="redis+cluster://$(for p in $CLUSTER_PORTS; do printf '127.0.0.1:%s,' "$p"; done | sed 's/,$//')"
CI_CLUSTER_QUEUE_URL="redis://127.0.0.1:${CLUSTER_QUEUE_PORT}/0"

start_cluster() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    echo "[cluster] installing redis-server"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  CLUSTER_DIR=$(mktemp -d -t ci-cluster.XXXXXX)
  local port nodes=()
  for port in $CLUSTER_PORTS; do
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
        --cluster-config-file "$CLUSTER_DIR/nodes-$port.conf" --cluster-node-timeout 5000 \
        --dir "$CLUSTER_DIR" --save '' --appendonly no --daemonize yes \
        --pidfile "$CLUSTER_DIR/$port.pid" --logfile "$CLUSTER_DIR/$port.log"
    nodes+=("127.0.0.1:$port")
  done
  redis-server --port "$CLUSTER_QUEUE_PORT" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --pidfile "$CLUSTER_DIR/$CLUSTER_QUEUE_PORT.pid" \
      --logfile "$CLUSTER_DIR/$CLUSTER_QUEUE_PORT.log"
  for port in $CLUSTER_PORTS $CLUSTER_QUEUE_PORT; do
    _cluster_wait "$port" "redis-cli -p $port ping" PONG || return 1
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  for port in $CLUSTER_PORTS; do  # every master must see every slot served
    _cluster_wait "$port" "redis-cli -p $port cluster info" "cluster_state:ok" || return 1
  done
  echo "[cluster] three masters on $CLUSTER_PORTS, queue redis on $CLUSTER_QUEUE_PORT"
}

_cluster_wait() {  # port, command, expected text: up to 30 s
  local i
  for i in $(seq 1 300); do
    if $2 2>/dev/null | grep -q "$3"; then return 0; fi
    sleep 0.1
  done
  echo "[cluster] port $1: no '$3' after 30 s" >&2
  return 1
}

stop_cluster() {
  local pidfile
  [ -n "${CLUSTER_DIR:-}" ] || return 0
  for pidfile in "$CLUSTER_DIR"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 0.2
  rm -rf "$CLUSTER_DIR"
  return 0
}
