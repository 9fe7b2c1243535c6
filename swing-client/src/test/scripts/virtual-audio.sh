#!/usr/bin/env bash
# Runs a private PulseAudio with a virtual microphone and speaker until standard input closes.
#
#   virtual-audio.sh DIR
#
# Everything lives under DIR (HOME, XDG_RUNTIME_DIR, config, log); clients reach the server at
# unix:DIR/native. Prints "started" once the server accepts clients, and "ready" once both devices
# deliver sound. Java Sound must not be touched before "started": ALSA routes its "default" device
# to PulseAudio only if PulseAudio runs when ALSA first loads its configuration in a process.
#
# The test JVM holds the pipe to our standard input, so the server goes away with the JVM even
# when the JVM is killed. By hand: run it in a terminal, export PULSE_SERVER=unix:DIR/native in
# another one, press Ctrl-D to stop.
#
#   sink spk        the speaker; record it from spk.monitor
#   sink micfeed    play into it to speak into the microphone
#   source mic      the microphone (a remap of micfeed.monitor), the default source
#   sink drain      where the loopbacks that keep both monitors at low latency play
set -euo pipefail

dir=${1:?usage: virtual-audio.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
socket=$dir/native
if [ ${#socket} -gt 107 ]; then
  echo "error: the socket path $socket is longer than a unix socket allows (107 bytes)" >&2
  exit 2
fi
export HOME=$dir/home XDG_RUNTIME_DIR=$dir/run PULSE_SERVER=unix:$socket
# on a desktop, keep away from the user's session bus and display, where the real server announces itself
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

gone() {
  for _ in $(seq 50); do
    pulseaudio --check 2>/dev/null || return 0
    sleep 0.1
  done
  echo "error: the PulseAudio in $dir does not exit" >&2
  return 1
}
stop() {
  trap - EXIT INT TERM HUP
  if pulseaudio --kill 2>/dev/null; then gone; fi
}

# A server left over from a JVM that died before we could stop it: ours, as it uses our directory.
if pulseaudio --kill 2>/dev/null; then gone; fi
rm -f "$socket"
cat >"$dir/virtual-audio.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$socket
load-module module-null-sink sink_name=spk rate=48000 channels=1 sink_properties=device.description=Speaker
load-module module-null-sink sink_name=micfeed rate=48000 channels=1 sink_properties=device.description=MicFeed
load-module module-remap-source source_name=mic master=micfeed.monitor source_properties=device.description=Microphone
# A null sink renders up to 2 s ahead unless a stream asks for low latency; then a new reader of its
# monitor waits up to 2 s for its first sound, and a writer's queue is taken in 2 s gulps. These
# loopbacks keep both monitors at 10 ms for good. Modules, not parec: PulseAudio 16 moves a client's
# recording of the default source along when the default changes (VirtualAudio's speaker-to-microphone
# loop does that), and these are pinned with source_dont_move.
load-module module-null-sink sink_name=drain rate=48000 channels=1 sink_properties=device.description=Drain
load-module module-loopback source=micfeed.monitor sink=drain latency_msec=10 source_dont_move=true sink_dont_move=true
load-module module-loopback source=spk.monitor sink=drain latency_msec=10 source_dont_move=true sink_dont_move=true
set-default-sink spk
set-default-source mic
PA

trap stop EXIT
trap 'exit 0' INT TERM HUP

# --daemonize returns once the server is initialised; its pid file (under our XDG_RUNTIME_DIR)
# lets "pulseaudio --check/--kill" find it again.
pulseaudio -n -F "$dir/virtual-audio.pa" --daemonize=yes --use-pid-file=yes --exit-idle-time=-1 \
  --enable-memfd=no --log-target="file:$dir/pulseaudio.log"
echo started

# A new null sink may have rendered its first 2 s before the loopbacks came: report ready only once
# the microphone and the speaker's monitor deliver, else the first capture read stalls up to 2 s.
for source in mic spk.monitor; do
  bytes=$({ parec --latency-msec=10 -d "$source" 2>/dev/null || true; } | head -c 1920 | wc -c)
  if [ "$bytes" -ne 1920 ]; then
    echo "error: $source delivers no sound; see $dir/pulseaudio.log" >&2
    exit 1
  fi
done

echo ready
cat >/dev/null
