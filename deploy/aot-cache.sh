#!/usr/bin/env bash
# Builds a JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) for Ragwell with one
# training run: start the service, wait until readiness is UP (model loaded, index open), serve a few requests of
# every kind (ingest, search, query, read, delete), then stop it; the JVM writes the cache as it exits.
#
#   deploy/aot-cache.sh APP_JAR CACHE_FILE [JVM_OPTION]...
#
#   APP_JAR     the jar of an *extracted* Ragwell (java -Djarmode=tools -jar ragwell.jar extract --destination DIR
#               gives DIR/ragwell.jar and DIR/lib/): a cache covers only classes the JDK's own class loaders load
#               from the class path, and the fat jar's nested jars are loaded by Spring Boot's class loader instead
#   CACHE_FILE  where the cache goes, e.g. ragwell.aot
#
# Use it with the same JDK, the same jar path and the same module options:
#   java --add-modules jdk.incubator.vector -XX:AOTCache=CACHE_FILE -jar APP_JAR
# A cache that does not match (another JDK, jar or module flags) is ignored with a warning: the service still
# starts, only without the head start. Needs bash only (no curl): the Dockerfile runs it on the JRE image.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 APP_JAR CACHE_FILE [JVM_OPTION]..." >&2
  exit 2
fi
jar="$1"; cache="$2"; shift 2
port="${RAGWELL_AOT_TRAINING_PORT:-18089}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A throwaway index and feedback log; the training documents never reach a real deployment's data.
"$java" --add-modules jdk.incubator.vector "$@" -XX:AOTCacheOutput="$cache" -jar "$jar" \
  --server.address=127.0.0.1 --server.port="$port" \
  --ragwell.store.lucene.path="$work/index" --ragwell.feedback.path="$work/feedback.jsonl" \
  >"$work/training.log" 2>&1 &
pid=$!

# One HTTP/1.1 request over bash's /dev/tcp; prints the status code.
request() {
  local method="$1" path="$2" body="${3:-}"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$method" "$path" "${#body}" "$body" >&3
  local status
  status="$(head -n 1 <&3 | cut -d' ' -f2)"
  cat <&3 >/dev/null || true
  exec 3<&-
  echo "$status"
}

ready=""
for _ in $(seq 1 1200); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the training run exited early:" >&2; tail -n 40 "$work/training.log" >&2; exit 1
  fi
  if [ "$(request GET /actuator/health/readiness 2>/dev/null || true)" = "200" ]; then ready=yes; break; fi
  sleep 0.25
done
if [ -z "$ready" ]; then
  echo "the training run was not ready within 5 minutes" >&2; kill "$pid"; exit 1
fi

doc='{"id":"aot-training","content":"Emperor penguins breed during the Antarctic winter. Males huddle together to keep the eggs warm while the females feed at sea.","metadata":{"topic":"birds","year":2021},"source":"aot/penguins.md"}'
for round in 1 2 3; do
  request POST /documents "${doc/aot-training/aot-training-$round}" >/dev/null
  request POST /search '{"query":"penguin eggs '"$round"'","top_k":5}' >/dev/null
  request POST /search '{"query":"winter huddle '"$round"'","mode":"sparse","filters":{"topic":"birds"}}' >/dev/null
  request POST /query '{"query":"How do penguins keep their eggs warm? '"$round"'","top_k":3}' >/dev/null
  request POST /query '{"query":"How do penguins keep their eggs warm? '"$round"'","top_k":3}' >/dev/null
  request GET "/documents/aot-training-$round" >/dev/null
done
request DELETE /documents/aot-training-1 >/dev/null

kill -TERM "$pid"
wait "$pid" || true
if [ ! -s "$cache" ]; then
  echo "no AOT cache was written to $cache:" >&2; tail -n 40 "$work/training.log" >&2; exit 1
fi
echo "AOT cache: $cache ($(du -h "$cache" | cut -f1))"
