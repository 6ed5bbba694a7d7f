#!/usr/bin/env bash
# Real brokers for kurir-live's tests, on 127.0.0.1 only, in a folder of
# their own, on ports no default install uses (so a broker the machine runs
# anyway is never touched):
#   scripts/brokers.sh install|start|stop|status [rabbitmq] [redis] [pubsub] [sqs]   (default: all)
#   scripts/brokers.sh rabbitmqctl ARGS...   (rabbitmqctl for the test node)
# `start` installs what is missing (Debian packages; moto from PyPI into a
# virtualenv of its own), starts each server and waits until it answers;
# `stop` stops them and removes their data.
# The URLs: amqp://127.0.0.1:$KURIR_AMQP_PORT, redis://127.0.0.1:$KURIR_REDIS_PORT,
# pubsub://127.0.0.1:$KURIR_PUBSUB_PORT (the Google Cloud Pub/Sub emulator),
# sqs://127.0.0.1:$KURIR_SQS_PORT (moto's server: SQS and SNS on one endpoint)
set -uo pipefail
cd "$(dirname "$0")/.."

KURIR_AMQP_PORT="${KURIR_AMQP_PORT:-5690}"
KURIR_REDIS_PORT="${KURIR_REDIS_PORT:-6390}"
KURIR_PUBSUB_PORT="${KURIR_PUBSUB_PORT:-8690}"
KURIR_SQS_PORT="${KURIR_SQS_PORT:-8691}"
# moto, pinned: its SQS/SNS behaviour is what the conformance suite measured.
MOTO_VERSION=5.2.5
MOTO_VENV="${KURIR_MOTO_VENV:-$HOME/.cache/kurir/moto-$MOTO_VERSION}"
PUBSUB_EMULATOR=/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator
# Erlang's distribution port: given, or 20000 beside the AMQP port (below
# it when above would pass 65535).
AMQP_DIST_PORT="${KURIR_AMQP_DIST_PORT:-$((KURIR_AMQP_PORT + 20000))}"
[ "$AMQP_DIST_PORT" -le 65535 ] || AMQP_DIST_PORT=$((KURIR_AMQP_PORT - 20000))
EPMD_PORT="${KURIR_EPMD_PORT:-4390}"
DIR="${KURIR_BROKERS_DIR:-/tmp/kurir-brokers}"
NODE=kurir@localhost

say() { printf '\033[1;36m[brokers]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[brokers] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Debian packages, waiting for a dpkg lock held by another install instead
# of failing; the packages' own services are not started (they would listen
# on every interface): a policy-rc.d refuses them for the install's length.
install_packages() {
  local missing=() p sudo="" policy=/usr/sbin/policy-rc.d made_policy=""
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing ${missing[*]} (apt-get, a minute or two)"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && made_policy=1
  fi
  local apt=(-o DPkg::Lock::Timeout=300 -q)
  mkdir -p "$DIR"
  $sudo apt-get "${apt[@]}" update >"$DIR/apt.log" 2>&1 &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get "${apt[@]}" install -y --no-install-recommends \
      "${missing[@]}" >>"$DIR/apt.log" 2>&1
  local rc=$?
  [ -n "$made_policy" ] && $sudo rm -f "$policy"
  [ $rc -eq 0 ] || fail "apt-get install ${missing[*]} failed; see $DIR/apt.log"
}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until `check` succeeds, at most $2 seconds.
wait_for() {
  local what=$1 limit=$2 i
  shift 2
  for ((i = 0; i < limit * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  fail "$what did not answer within ${limit}s (log in $DIR)"
}

rabbit_env() {
  export HOME="$DIR/rabbitmq" RABBITMQ_NODENAME=$NODE
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$KURIR_AMQP_PORT RABBITMQ_DIST_PORT=$AMQP_DIST_PORT
  export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EPMD_PORT
  export RABBITMQ_MNESIA_BASE="$DIR/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$DIR/rabbitmq/log"
  export RABBITMQ_CONFIG_FILE="$DIR/rabbitmq/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/rabbitmq/plugins"
  # The distribution port too, not only AMQP, stays on loopback.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

start_rabbitmq() {
  install_packages rabbitmq-server
  if answers "$KURIR_AMQP_PORT"; then say "RabbitMQ already answers on $KURIR_AMQP_PORT"; return 0; fi
  rm -rf "$DIR/rabbitmq" && mkdir -p "$DIR/rabbitmq"
  printf 'listeners.tcp.default = 127.0.0.1:%s\n' "$KURIR_AMQP_PORT" >"$DIR/rabbitmq/rabbitmq.conf"
  echo '[].' >"$DIR/rabbitmq/plugins"
  (
    rabbit_env
    setsid /usr/lib/rabbitmq/bin/rabbitmq-server >"$DIR/rabbitmq/server.log" 2>&1 &
    echo $! >"$DIR/rabbitmq/pid"
  )
  wait_for "RabbitMQ on 127.0.0.1:$KURIR_AMQP_PORT" 120 answers "$KURIR_AMQP_PORT"
  say "RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server) on amqp://127.0.0.1:$KURIR_AMQP_PORT"
}

stop_rabbitmq() {
  [ -d "$DIR/rabbitmq" ] || return 0
  (
    rabbit_env
    # A node that no longer answers (killed by a test) is not asked to stop.
    { answers "$KURIR_AMQP_PORT" && timeout 60 /usr/lib/rabbitmq/bin/rabbitmqctl -n $NODE stop >/dev/null 2>&1; } ||
      { [ -f "$DIR/rabbitmq/pid" ] && kill -9 -- -"$(cat "$DIR/rabbitmq/pid")" 2>/dev/null; }
    epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 ||
      "$(ls /usr/lib/erlang/erts-*/bin/epmd | head -1)" -port "$EPMD_PORT" -kill >/dev/null 2>&1
  )
  rm -rf "$DIR/rabbitmq"
  say "RabbitMQ stopped"
}

start_redis() {
  install_packages redis-server
  if answers "$KURIR_REDIS_PORT"; then say "Redis already answers on $KURIR_REDIS_PORT"; return 0; fi
  rm -rf "$DIR/redis" && mkdir -p "$DIR/redis"
  redis-server --bind 127.0.0.1 --port "$KURIR_REDIS_PORT" --protected-mode yes --save '' --appendonly no \
    --dir "$DIR/redis" --logfile "$DIR/redis/server.log" --pidfile "$DIR/redis/pid" --daemonize yes >/dev/null ||
    fail "redis-server did not start (log in $DIR/redis)"
  wait_for "Redis on 127.0.0.1:$KURIR_REDIS_PORT" 30 redis-cli -p "$KURIR_REDIS_PORT" ping
  say "Redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') on redis://127.0.0.1:$KURIR_REDIS_PORT"
}

stop_redis() {
  [ -d "$DIR/redis" ] || return 0
  redis-cli -p "$KURIR_REDIS_PORT" shutdown nosave >/dev/null 2>&1 ||
    { [ -f "$DIR/redis/pid" ] && kill "$(cat "$DIR/redis/pid")" 2>/dev/null; }
  rm -rf "$DIR/redis"
  say "Redis stopped"
}

# The Pub/Sub emulator comes with the Google Cloud CLI's Debian package
# (this machine kind ships it, with Java); Debian's own archive has neither.
install_pubsub() {
  command -v curl >/dev/null || install_packages curl
  [ -x "$PUBSUB_EMULATOR" ] && command -v java >/dev/null && return 0
  install_packages google-cloud-cli-pubsub-emulator default-jre-headless 2>/dev/null ||
    fail "the Google Pub/Sub emulator is not installed and apt cannot find it: install the Google Cloud CLI's package google-cloud-cli-pubsub-emulator (and Java)"
}

start_pubsub() {
  install_pubsub
  if answers "$KURIR_PUBSUB_PORT"; then say "something already answers on $KURIR_PUBSUB_PORT"; return 0; fi
  rm -rf "$DIR/pubsub" && mkdir -p "$DIR/pubsub"
  (
    export HOME="$DIR/pubsub"
    setsid "$PUBSUB_EMULATOR" --host=127.0.0.1 --port="$KURIR_PUBSUB_PORT" >"$DIR/pubsub/server.log" 2>&1 &
    echo $! >"$DIR/pubsub/pid"
  )
  wait_for "the Pub/Sub emulator on 127.0.0.1:$KURIR_PUBSUB_PORT" 60 \
    curl -sf -X PUT "http://127.0.0.1:$KURIR_PUBSUB_PORT/v1/projects/kurir/topics/kurir-ready"
  curl -s -X DELETE "http://127.0.0.1:$KURIR_PUBSUB_PORT/v1/projects/kurir/topics/kurir-ready" >/dev/null
  say "Google Pub/Sub emulator $(dpkg-query -W -f='${Version}' google-cloud-cli-pubsub-emulator 2>/dev/null) on pubsub://127.0.0.1:$KURIR_PUBSUB_PORT"
}

stop_pubsub() {
  [ -d "$DIR/pubsub" ] || return 0
  [ -f "$DIR/pubsub/pid" ] && kill -- -"$(cat "$DIR/pubsub/pid")" 2>/dev/null
  rm -rf "$DIR/pubsub"
  say "Pub/Sub emulator stopped"
}

# moto (https://github.com/getmoto/moto) serves the AWS APIs from Python;
# its `moto_server` answers SQS and SNS on one port, telling them apart by
# the request's credential scope.
install_sqs() {
  [ -x "$MOTO_VENV/bin/moto_server" ] && return 0
  python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null ||
    install_packages python3-venv
  mkdir -p "$DIR"
  say "installing moto[server] $MOTO_VERSION from PyPI into $MOTO_VENV (half a minute)"
  rm -rf "$MOTO_VENV"
  { python3 -m venv "$MOTO_VENV" &&
    "$MOTO_VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"; } >"$DIR/pip.log" 2>&1 ||
    { rm -rf "$MOTO_VENV"; fail "pip install moto[server]==$MOTO_VERSION failed; see $DIR/pip.log"; }
}

start_sqs() {
  install_sqs
  command -v curl >/dev/null || install_packages curl
  if answers "$KURIR_SQS_PORT"; then say "something already answers on $KURIR_SQS_PORT"; return 0; fi
  rm -rf "$DIR/sqs" && mkdir -p "$DIR/sqs"
  (
    setsid "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$KURIR_SQS_PORT" >"$DIR/sqs/server.log" 2>&1 &
    echo $! >"$DIR/sqs/pid"
  )
  wait_for "moto on 127.0.0.1:$KURIR_SQS_PORT" 60 curl -sf "http://127.0.0.1:$KURIR_SQS_PORT/moto-api/"
  say "moto $MOTO_VERSION (SQS and SNS) on sqs://127.0.0.1:$KURIR_SQS_PORT"
}

stop_sqs() {
  [ -d "$DIR/sqs" ] || return 0
  [ -f "$DIR/sqs/pid" ] && kill -- -"$(cat "$DIR/sqs/pid")" 2>/dev/null
  rm -rf "$DIR/sqs"
  say "moto stopped"
}

what="${1:-}"
shift || true
# rabbitmqctl for the test node: scripts/brokers.sh rabbitmqctl ARGS...
if [ "$what" = rabbitmqctl ]; then
  rabbit_env
  exec /usr/lib/rabbitmq/bin/rabbitmqctl -n $NODE "$@"
fi
brokers=("$@")
[ ${#brokers[@]} -eq 0 ] && brokers=(rabbitmq redis pubsub sqs)
for b in "${brokers[@]}"; do
  case "$what:$b" in
    install:rabbitmq) install_packages rabbitmq-server ;;
    install:redis) install_packages redis-server ;;
    install:pubsub) install_pubsub ;;
    install:sqs) install_sqs ;;
    start:rabbitmq | start:redis | start:pubsub | start:sqs | stop:rabbitmq | stop:redis | stop:pubsub | stop:sqs) "${what}_$b" ;;
    status:rabbitmq) answers "$KURIR_AMQP_PORT" && echo "rabbitmq: up" || echo "rabbitmq: down" ;;
    status:redis) answers "$KURIR_REDIS_PORT" && echo "redis: up" || echo "redis: down" ;;
    status:pubsub) answers "$KURIR_PUBSUB_PORT" && echo "pubsub: up" || echo "pubsub: down" ;;
    status:sqs) answers "$KURIR_SQS_PORT" && echo "sqs: up" || echo "sqs: down" ;;
    *) echo "usage: scripts/brokers.sh install|start|stop|status [rabbitmq] [redis] [pubsub] [sqs]" >&2; exit 2 ;;
  esac
done
