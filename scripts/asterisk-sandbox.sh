#!/usr/bin/env bash
# asterisk-sandbox.sh — a REAL Asterisk (Debian's package, 22.x) in a chroot, for ARI end-to-end tests.
#
# Debian 12 (bookworm) has no asterisk package; Debian sid (and forky/testing) do. This script
# debootstraps a minimal sid tree under $AST_ROOT, installs asterisk there, and runs it from the
# host with `chroot` (same network namespace: it listens on 127.0.0.1 only). Needs root.
# The configuration is Switchboard's own: `switchboard asterisk config --sandbox` (cli/main.ts) writes it.
#
#   asterisk-sandbox.sh setup            # debootstrap + apt-get install (skipped if already done); host: debootstrap, sipp, openssl
#   asterisk-sandbox.sh start [CONFDIR]  # generate configs (+ overlay CONFDIR/*), start, wait until ARI answers
#   asterisk-sandbox.sh stop             # stop the Asterisk this script started (by PID from its pidfile)
#   asterisk-sandbox.sh restart [CONFDIR]
#   asterisk-sandbox.sh status           # exit 0 if running and ARI answers, 3 otherwise
#   asterisk-sandbox.sh cli 'core show channels'   # run an Asterisk CLI command
#   asterisk-sandbox.sh env              # print ARI_URL/ARI_USER/... as shell exports
#   asterisk-sandbox.sh logs [N]         # last N lines of /var/log/asterisk/messages.log in the chroot
#   asterisk-sandbox.sh destroy          # stop + remove $AST_ROOT
#
# Environment (all optional):
#   AST_ROOT=/opt/asterisk-sid  AST_SUITE=sid (forky also has asterisk 22; trixie/bookworm do not)
#   AST_MIRROR=<uri>  (default: the URIs: line of the first stanza of /etc/apt/sources.list.d/debian.sources)
#   ARI_PORT=8088 ARI_TLS_PORT=8089 (Asterisk's HTTPS: wss for browsers; 0 = none) ARI_USER=asterisk ARI_PASS=asterisk
#   ARI_APP=switchboard SIP_PORT=5060 SIP_TLS_PORT=5061
#   RTP_START=10000 RTP_END=10999   (several sandboxes on one host need distinct AST_ROOT, ports and RTP ranges)
#   KEEP_STATE=1   keep astdb (ARI-pushed PJSIP objects), voicemail, recordings between starts (default: wiped)
#   START_TIMEOUT=60  NO_SIPP=1 (setup: don't install sip-tester on the host)
#   People's SIP accounts are NOT in the generated pjsip.conf: a Switchboard runtime (or a test, with
#   runtime/ari/pjsip-provisioning.ts) pushes them over ARI into astdb when it connects.
#   STATIC_PEOPLE=1  write the people of SWITCHBOARD_DB (default ./data/switchboard.db) into pjsip.conf instead
#                  (switchboard asterisk config --static-people); ARI can then neither change nor remove them.
#                  An empty SWITCHBOARD_DB is seeded with the DEMO secrets (bonjour / 1234) the tests use: this is a
#                  test sandbox (SWITCHBOARD_DEMO_SECRETS=0 for random ones, printed in /tmp/asterisk-sandbox-config.log)
set -euo pipefail

ROOT=${AST_ROOT:-/opt/asterisk-sid}
SUITE=${AST_SUITE:-sid}
PKGS=${AST_PKGS:-"asterisk asterisk-core-sounds-en-gsm asterisk-moh-opsound-gsm"}
ARI_PORT=${ARI_PORT:-8088}
ARI_TLS_PORT=${ARI_TLS_PORT:-8089}
ARI_USER=${ARI_USER:-asterisk}
ARI_PASS=${ARI_PASS:-asterisk}
ARI_APP=${ARI_APP:-switchboard}
SIP_PORT=${SIP_PORT:-5060}
SIP_TLS_PORT=${SIP_TLS_PORT:-5061}
RTP_START=${RTP_START:-10000}
RTP_END=${RTP_END:-10999}
PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
START_TIMEOUT=${START_TIMEOUT:-60}
MARKER="$ROOT/.asterisk-sandbox-ready"
# NB: inside the chroot /var/run is an ABSOLUTE symlink to /run; from the host, $ROOT/var/run/...
# would resolve to the HOST's /run. Always use $ROOT/run/... from the host.
PIDFILE="$ROOT/run/asterisk/asterisk.pid"
LOGFILE="$ROOT/var/log/asterisk/messages.log"

now_ms() { date +%s%3N; }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $(((d % 1000) / 100)); }
T0=$(now_ms)
log() { printf '[asterisk-sandbox +%ss] %s\n' "$(secs_since "$T0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

mirror() {
  if [ -n "${AST_MIRROR:-}" ]; then echo "$AST_MIRROR"; return; fi
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//){print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || die "cannot find the Debian mirror URI (set AST_MIRROR)"
  echo "$m"
}

apt_host() { # apt-get on the host, tolerant of a transient apt lock held by someone else
  local i
  for i in 1 2 3 4 5 6; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 "$@"; then return 0; fi
    log "apt-get $1 failed (try $i), retrying in 10s"; sleep 10
  done
  return 1
}

host_packages() {
  local want=()
  command -v debootstrap >/dev/null || want+=(debootstrap)
  [ -n "${NO_SIPP:-}" ] || command -v sipp >/dev/null || want+=(sip-tester)
  command -v openssl >/dev/null || want+=(openssl) # the sandbox's self-signed TLS certificate
  [ ${#want[@]} -eq 0 ] && return 0
  log "host: apt-get install ${want[*]}"
  apt_host update -qq
  apt_host install -y -qq --no-install-recommends "${want[@]}" >/dev/null
}

has_mounts_below() { awk -v r="$ROOT" '$2==r || index($2, r"/")==1 {found=1} END{exit !found}' /proc/mounts; }

cmd_setup() {
  need_root
  if [ -f "$MARKER" ] && [ -x "$ROOT/usr/sbin/asterisk" ]; then
    log "already set up: $(cat "$MARKER")"; host_packages; return 0
  fi
  host_packages
  local m t; m=$(mirror); t=$(now_ms)
  if [ -f "$ROOT/.debootstrap-ok" ]; then
    log "debootstrap already done, skipping"
  else
    if [ -e "$ROOT" ]; then
      has_mounts_below && die "something is mounted under $ROOT; unmount it first"
      log "removing incomplete $ROOT"; rm -rf --one-file-system "$ROOT"
    fi
    log "debootstrap --variant=minbase $SUITE $ROOT (mirror from apt sources)"
    local script=""  # bookworm's debootstrap has no script for newer code names (forky): reuse sid's
    [ -e "/usr/share/debootstrap/scripts/$SUITE" ] || script=/usr/share/debootstrap/scripts/sid
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$m" $script > /tmp/asterisk-sandbox-debootstrap.log 2>&1 \
      || { tail -20 /tmp/asterisk-sandbox-debootstrap.log >&2; die "debootstrap failed (log: /tmp/asterisk-sandbox-debootstrap.log)"; }
    touch "$ROOT/.debootstrap-ok"
    log "debootstrap done in $(secs_since "$t")s"
  fi
  # no daemons started by maintainer scripts inside the chroot
  printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  # apt inside the chroot needs the host's resolver; `start` later points it at loopback
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  t=$(now_ms)
  log "chroot apt-get install --no-install-recommends $PKGS"
  local i ok=""
  for i in 1 2 3; do
    if chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -o DPkg::Lock::Timeout=120 install -y -q \
        --no-install-recommends $PKGS > /tmp/asterisk-sandbox-install.log 2>&1; then ok=1; break; fi
    log "apt-get install in chroot failed (try $i); apt-get update and retry"
    chroot "$ROOT" env LC_ALL=C apt-get -q update > /dev/null 2>&1 || true; sleep 5
  done
  [ -n "$ok" ] || { tail -20 /tmp/asterisk-sandbox-install.log >&2; die "apt-get install in chroot failed (log: /tmp/asterisk-sandbox-install.log)"; }
  chroot "$ROOT" apt-get clean
  log "install done in $(secs_since "$t")s"
  # keep Debian's sample configs for reference; /etc/asterisk is rewritten by `start`
  [ -d "$ROOT/etc/asterisk.dist" ] || mv "$ROOT/etc/asterisk" "$ROOT/etc/asterisk.dist"
  mkdir -p "$ROOT/etc/asterisk" "$ROOT/var/spool/asterisk/recording" "$ROOT/run/asterisk"
  local v; v=$(chroot "$ROOT" dpkg-query -W -f='${Version}' asterisk)
  echo "suite=$SUITE asterisk=$v installed=$(date -u +%FT%TZ)" > "$MARKER"
  log "setup complete: asterisk $v, $(du -sh "$ROOT" | cut -f1) in $ROOT"
}

fix_net_files() {
  # Resolve our own hostname locally (Asterisk's ast_find_ourip() looks it up on SIP calls, else it
  # asks DNS for A.ROOT-SERVERS.NET) and keep any DNS traffic on loopback.
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' "$(hostname)" > "$ROOT/etc/hosts"
  echo 'nameserver 127.0.0.1' > "$ROOT/etc/resolv.conf"
}

generate_configs() { # $1 = empty target dir; the project's own generator decides every config file
  local out=$1 tsx="$PROJECT_DIR/node_modules/.bin/tsx"
  [ -x "$tsx" ] || die "$tsx not found: run 'npm install' in $PROJECT_DIR first"
  # Settings travel as environment variables (see the header); people are pushed over ARI (unless STATIC_PEOPLE=1).
  ( cd "$PROJECT_DIR" && ARI_PORT=$ARI_PORT ARI_TLS_PORT=$ARI_TLS_PORT ARI_USER=$ARI_USER ARI_PASS=$ARI_PASS ARI_APP=$ARI_APP ARI_BIND=127.0.0.1 \
      SIP_BIND=127.0.0.1 SIP_PORT=$SIP_PORT SIP_TLS_PORT=$SIP_TLS_PORT RTP_START=$RTP_START RTP_END=$RTP_END \
      SIP_TLS_CERT=/etc/asterisk/keys/asterisk.pem SIP_TLS_KEY=/etc/asterisk/keys/asterisk.key \
      SWITCHBOARD_DEMO_SECRETS=${SWITCHBOARD_DEMO_SECRETS:-1} \
      "$tsx" cli/main.ts asterisk config --out "$out" --sandbox ${STATIC_PEOPLE:+--static-people} ) > /tmp/asterisk-sandbox-config.log 2>&1 \
    || { cat /tmp/asterisk-sandbox-config.log >&2; rm -rf "$out"; die "switchboard asterisk config failed"; }
}

ensure_tls_cert() {
  # Self-signed, made once on the host (the chroot has no openssl) and kept across starts in etc/asterisk/keys.
  local keys="$ROOT/etc/asterisk/keys"
  [ -s "$keys/asterisk.pem" ] && [ -s "$keys/asterisk.key" ] && return 0
  command -v openssl >/dev/null || die "openssl not found on the host (run '$0 setup')"
  mkdir -p "$keys"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=asterisk-sandbox" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$keys/asterisk.key" -out "$keys/asterisk.pem" > /dev/null 2>&1 || die "openssl could not create the TLS certificate"
  chmod 600 "$keys/asterisk.key"
  log "created a self-signed TLS certificate in $keys"
}

read_pid() { [ -f "$PIDFILE" ] && tr -dc '0-9' < "$PIDFILE" || true; }
is_running() {
  # The process must be an asterisk chrooted into OUR root: a tree copied from a running sandbox carries that
  # sandbox's pidfile, and a recycled PID may belong to anything. Never act on another Asterisk.
  local pid; pid=$(read_pid)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q asterisk \
    && [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$(readlink -f "$ROOT")" ]
}

ari_code() { # HTTP status of GET $1 on ARI (curl if present, else bash /dev/tcp)
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' -u "$ARI_USER:$ARI_PASS" "http://127.0.0.1:$ARI_PORT$1" || true
  else
    local auth; auth=$(printf '%s:%s' "$ARI_USER" "$ARI_PASS" | base64 -w0)
    ( exec 3<>"/dev/tcp/127.0.0.1/$ARI_PORT" || exit 0
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n\r\n' "$1" "$auth" >&3
      timeout 2 head -1 <&3 | awk '{print $2}' ) 2>/dev/null || true
  fi
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
udp_port_busy() { # pjsip only logs an error when its UDP port is taken, and the sandbox then answers no SIP
  command -v ss >/dev/null && ss -Hlun "sport = :$1" 2>/dev/null | grep -q .
}

cmd_start() {
  need_root
  [ -f "$MARKER" ] || die "not set up: run '$0 setup' first"
  if is_running; then
    log "already running (pid $(read_pid)); use 'restart' to apply new configs"; return 0
  fi
  port_busy "$ARI_PORT" && die "127.0.0.1:$ARI_PORT is already in use (set ARI_PORT)"
  [ "$ARI_TLS_PORT" = 0 ] || ! port_busy "$ARI_TLS_PORT" || die "127.0.0.1:$ARI_TLS_PORT is already in use (set ARI_TLS_PORT)"
  port_busy "$SIP_TLS_PORT" && die "127.0.0.1:$SIP_TLS_PORT (TCP) is already in use (set SIP_TLS_PORT)"
  udp_port_busy "$SIP_PORT" && die "UDP port $SIP_PORT is already in use (set SIP_PORT)"
  local confdir=${1:-}
  [ -z "$confdir" ] || [ -d "$confdir" ] || die "config folder '$confdir' not found"
  # Generate first: a failing generator must not leave the sandbox with an emptied /etc/asterisk.
  local generated; generated=$(mktemp -d /tmp/asterisk-sandbox-config.XXXXXX)
  generate_configs "$generated"
  # fresh configs (keys/ survives: the TLS certificate is made once), then the generated files, then the
  # overlay folder on top (same name replaces, new names add, an empty file disables a generated one)
  find "$ROOT/etc/asterisk" -mindepth 1 -maxdepth 1 ! -name keys -exec rm -rf {} +
  # tone zones for tone:ring etc.: Debian's file, not something Switchboard generates
  [ -f "$ROOT/etc/asterisk.dist/indications.conf" ] && cp "$ROOT/etc/asterisk.dist/indications.conf" "$ROOT/etc/asterisk/"
  cp -r "$generated"/. "$ROOT/etc/asterisk/"; rm -rf "$generated"
  ensure_tls_cert
  if [ -n "$confdir" ]; then cp -r "$confdir"/. "$ROOT/etc/asterisk/"; log "configs: generated + $confdir"; else log "configs: generated"; fi
  fix_net_files
  if [ -z "${KEEP_STATE:-}" ]; then # test isolation: no astdb (pushed objects), voicemail, recordings, media cache
    rm -f "$ROOT"/var/lib/asterisk/astdb.sqlite3*
    rm -rf "$ROOT"/var/spool/asterisk/voicemail/* "$ROOT"/var/spool/asterisk/recording/* "$ROOT"/var/cache/asterisk/*
  fi
  mkdir -p "$ROOT/run/asterisk" "$ROOT/var/spool/asterisk/recording" "$ROOT/var/log/asterisk"
  : > "$LOGFILE"
  local t; t=$(now_ms)
  # -F: daemonize and write the pidfile. Do NOT pass -U root: asterisk then drops capabilities and
  # root can no longer write /var/lib/asterisk (owned by the 'asterisk' user) -> "ASTdb initialization failed".
  chroot "$ROOT" /usr/sbin/asterisk -F < /dev/null > /tmp/asterisk-sandbox-start.log 2>&1 \
    || { cat /tmp/asterisk-sandbox-start.log >&2; die "asterisk failed to start"; }
  local deadline=$(( $(date +%s) + START_TIMEOUT )) code=""
  until [ -S "$ROOT/run/asterisk/asterisk.ctl" ] && is_running; do
    [ "$(date +%s)" -lt "$deadline" ] || { tail -30 "$LOGFILE" >&2; die "asterisk did not come up (see $LOGFILE)"; }
    sleep 0.1
  done
  timeout "$START_TIMEOUT" chroot "$ROOT" asterisk -rx 'core waitfullybooted' > /dev/null 2>&1 || true
  until [ "$(ari_code /ari/asterisk/info)" = 200 ]; do
    if ! is_running || [ "$(date +%s)" -ge "$deadline" ]; then tail -30 "$LOGFILE" >&2; die "ARI not answering on 127.0.0.1:$ARI_PORT"; fi
    sleep 0.1
  done
  local pid; pid=$(read_pid)
  log "started pid $pid; ARI ready at http://127.0.0.1:$ARI_PORT/ari (user $ARI_USER, app $ARI_APP) in $(secs_since "$t")s; HTTPS (wss /ws) :$ARI_TLS_PORT; SIP udp 127.0.0.1:$SIP_PORT, tls :$SIP_TLS_PORT; RTP $RTP_START-$RTP_END; RSS $(awk '/VmRSS/{print $2 $3}' /proc/"$pid"/status)"
}

cmd_stop() {
  need_root
  if ! is_running; then log "not running"; rm -f "$PIDFILE"; return 0; fi
  local pid i; pid=$(read_pid)
  chroot "$ROOT" asterisk -rx 'core stop now' > /dev/null 2>&1 || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "pid $pid still alive, SIGTERM"; kill -TERM "$pid" 2>/dev/null || true; sleep 3; fi
  if kill -0 "$pid" 2>/dev/null; then log "pid $pid still alive, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  if [ ! -f "$MARKER" ]; then echo "not set up ($ROOT)"; return 3; fi
  echo "installed: $(cat "$MARKER") size=$(du -sh "$ROOT" 2>/dev/null | cut -f1)"
  if is_running; then
    local pid; pid=$(read_pid)
    echo "running: pid $pid RSS $(awk '/VmRSS/{print $2 $3}' /proc/"$pid"/status) ARI http://127.0.0.1:$ARI_PORT -> HTTP $(ari_code /ari/asterisk/info)"
    chroot "$ROOT" asterisk -rx 'core show uptime' 2>/dev/null | head -2
    [ "$(ari_code /ari/asterisk/info)" = 200 ] && return 0 || return 3
  fi
  echo "stopped"; return 3
}

cmd_env() {
  cat <<EOF
export ARI_URL=http://127.0.0.1:$ARI_PORT
export ARI_USER=$ARI_USER
export ARI_PASS=$ARI_PASS
export ARI_APP=$ARI_APP
export SIP_HOST=127.0.0.1
export SIP_PORT=$SIP_PORT
export SIP_TLS_PORT=$SIP_TLS_PORT
export AST_ROOT=$ROOT
export ARI_PORT=$ARI_PORT
export ARI_TLS_PORT=$ARI_TLS_PORT
export RTP_START=$RTP_START
export RTP_END=$RTP_END
EOF
}

case "${1:-}" in
  setup) cmd_setup ;;
  start) shift; cmd_start "${1:-}" ;;
  stop) cmd_stop ;;
  restart) shift; cmd_stop; cmd_start "${1:-}" ;;
  status) cmd_status ;;
  cli) shift; is_running || die "not running"; chroot "$ROOT" asterisk -rx "$*" ;;
  env) cmd_env ;;
  logs) shift; tail -n "${1:-50}" "$LOGFILE" ;;
  destroy) need_root; cmd_stop; has_mounts_below && die "something is mounted under $ROOT"; rm -rf --one-file-system "$ROOT"; log "removed $ROOT" ;;
  *) sed -n '2,30p' "$0"; exit 2 ;;
esac
