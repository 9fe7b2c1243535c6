#!/usr/bin/env bash
# Builds the relay's and the benchmarks' jars, copies them out of target/ (a rebuild under a running
# JVM would break it), then runs dev.parley.bench.cluster.ClusterBenchmark with the hosts file that
# makes relays.bench.test stand for 127.0.0.2-4. Arguments are passed on; see benchmarks/README.md.
#   benchmarks/run-cluster.sh --joins 20 --failovers 5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -B -DskipTests -pl relay-app,benchmarks -am package
jars=$(mktemp -d /tmp/parley-cluster-bench.XXXXXX)
trap 'rm -rf "$jars"' EXIT
cp benchmarks/target/parley-benchmarks.jar "$jars/"
cp "$(ls relay-app/target/parley-relay-*-exec.jar | head -1)" "$jars/parley-relay-exec.jar"
java -Xms256m -Xmx512m -Djdk.net.hosts.file=benchmarks/cluster-hosts -cp "$jars/parley-benchmarks.jar" \
    dev.parley.bench.cluster.ClusterBenchmark --relay-jar "$jars/parley-relay-exec.jar" "$@"
