#!/usr/bin/env bash
# kurir-live against real brokers: starts RabbitMQ, Redis, the Google
# Pub/Sub emulator and moto's SQS/SNS on 127.0.0.1 (installing them if
# missing), runs kurir-live's tests and the conformance
# suites (live/conformance/<broker>/*.json through the simulator and the
# broker, compared), prints one table per broker, and stops the brokers,
# also when something fails.
#   scripts/conformance.sh            (make conformance)
set -uo pipefail
cd "$(dirname "$0")/.."

export KURIR_AMQP_PORT="${KURIR_AMQP_PORT:-5690}" KURIR_REDIS_PORT="${KURIR_REDIS_PORT:-6390}" KURIR_PUBSUB_PORT="${KURIR_PUBSUB_PORT:-8690}"
export KURIR_SQS_PORT="${KURIR_SQS_PORT:-8691}"
export KURIR_AMQP_URL="amqp://127.0.0.1:$KURIR_AMQP_PORT" KURIR_REDIS_URL="redis://127.0.0.1:$KURIR_REDIS_PORT"
export KURIR_PUBSUB_URL="pubsub://127.0.0.1:$KURIR_PUBSUB_PORT" KURIR_SQS_URL="sqs://127.0.0.1:$KURIR_SQS_PORT"
trap 'scripts/brokers.sh stop' EXIT
scripts/brokers.sh start rabbitmq redis pubsub sqs || exit 1
status=0
cargo build -p kurir-live || exit 1
cargo test -p kurir-live || status=1
live="${CARGO_TARGET_DIR:-target}/debug/kurir-live"
"$live" conform --broker "$KURIR_AMQP_URL" live/conformance/rabbitmq/*.json || status=1
"$live" conform --broker "$KURIR_REDIS_URL" live/conformance/redis/*.json || status=1
"$live" conform --broker "$KURIR_PUBSUB_URL" live/conformance/google-pubsub/*.json || status=1
"$live" conform --broker "$KURIR_SQS_URL" live/conformance/sqs/*.json || status=1
exit $status
