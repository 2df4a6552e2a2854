# Aerie developer entry points. `make test` is the full test command run by CI (.ci/run).
SHELL := /bin/bash
GO ?= go
GOBIN := $(shell $(GO) env GOPATH)/bin
export PATH := $(GOBIN):$(PATH)

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.0.0-dev)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X github.com/aerie-sec/aerie/internal/buildinfo.version=$(VERSION) -X github.com/aerie-sec/aerie/internal/buildinfo.commit=$(COMMIT)
FUZZTIME ?= 3s

.PHONY: all build setup test unit fmt-check vet lint fuzz generate generate-check release-check bench run clean

all: build

## build: build bin/aeriectl with version stamping
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/aeriectl ./cmd/aeriectl

## setup: install every tool the build and tests need (idempotent)
setup:
	bash scripts/setup.sh

## test: the full test command (format, vet, lint, race tests, fuzz smoke, release config check)
test:
	bash scripts/test.sh

unit:
	$(GO) test -race ./...

fmt-check:
	bash scripts/test.sh fmt

vet:
	$(GO) vet ./...

lint:
	golangci-lint run ./...

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/test.sh fuzz

## generate: regenerate generated code (bpf2go objects)
generate:
	$(GO) generate ./...

generate-check:
	bash scripts/test.sh generate

release-check:
	goreleaser check

## bench: run the Go benchmarks and the scripts under bench/
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@for s in bench/*.sh; do [ -e "$$s" ] || continue; echo "== $$s"; bash "$$s"; done

## run: the main job: the engine on this host with the embedded default rulesets (needs root and BTF)
run: build
	./bin/aeriectl run

clean:
	rm -rf bin dist
