# Kurir: every command installs what it needs first (see scripts/env.sh).
# `make serve` to develop, `make test` for all tests, `make build` for dist/.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eo pipefail -c
.PHONY: serve build test test-native test-components test-e2e conformance bench fmt lint clean

ENV = source scripts/env.sh

## serve: run the app with auto-rebuild at http://127.0.0.1:8080/
serve:
	$(ENV) build
	trunk serve

## build: release build of the static site into dist/
build:
	$(ENV) build
	trunk build --release

## test: native tests, component tests in headless Chromium, end-to-end tests
test:
	scripts/test.sh all

test-native:
	scripts/test.sh native

## conformance: kurir-live on real RabbitMQ and Redis (started and stopped here), compared with the simulator
conformance:
	scripts/test.sh conformance

test-components:
	scripts/test.sh components

test-e2e:
	scripts/test.sh e2e

## bench: benchmarks (engine throughput and memory)
bench:
	scripts/bench.sh

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

clean:
	rm -rf dist target
