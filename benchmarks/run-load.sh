#!/usr/bin/env bash
# Builds the benchmarks jar (and the relay's jar when it is to be measured), then runs the load
# driver: it starts the relay and/or the bare forwarder as child JVMs on free UDP ports, measures the
# loopback baseline and steps the load. Arguments are passed to dev.parley.bench.load.LoadDriver;
# see benchmarks/README.md. Example:
#   benchmarks/run-load.sh --targets bare,relay --steps 50,100,200,300 --reps 3
# One loop against two against the ceiling, servers on core 0 and the generator on core 1 (taskset):
#   benchmarks/run-load.sh --targets bare,relay-loops1,relay-loops2 --pin bare=0,relay-loops1=0,relay-loops2=0,load=1
set -euo pipefail
cd "$(dirname "$0")/.."
targets=bare,relay
prev=""
for a in "$@"; do
  case "$prev" in --targets) targets="$a" ;; esac
  case "$a" in --targets=*) targets="${a#--targets=}" ;; esac
  prev="$a"
done
mvn_opts=(-o -q -B -DskipTests)
if [[ "$targets" == *relay* ]]; then
  ./mvnw "${mvn_opts[@]}" -pl relay-app,benchmarks -am package
  relay_jar=$(ls relay-app/target/parley-relay-*.jar | grep -v -e '-plain' -e 'original' | head -1)
  set -- --relay-jar "$relay_jar" "$@"
else
  ./mvnw "${mvn_opts[@]}" -pl benchmarks -am package
fi
# the driver JVM is also the load generator: give it room and keep it out of the way of the servers' GC
exec java -Xms1g -Xmx1g -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.load.LoadDriver "$@"
