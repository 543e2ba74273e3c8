#!/usr/bin/env bash
# Writes OUTDIR/pjsip.conf = the sandbox's generated pjsip.conf + transport-ws.conf, for
#   bash scripts/asterisk-sandbox.sh start OUTDIR
# An overlay file replaces the generated file of the same name, so it must be the whole pjsip.conf: this runs the
# same generator with the same settings as the sandbox script (AST_ROOT, ARI_PORT, SIP_PORT... from the environment).
# Only for a sandbox whose generated config has no WebSocket transport yet.
set -euo pipefail
out=${1:?usage: make-overlay.sh OUTDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../../.." && pwd)
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
( cd "$project" && ARI_PORT=${ARI_PORT:-8088} ARI_USER=${ARI_USER:-asterisk} ARI_PASS=${ARI_PASS:-asterisk} \
    ARI_APP=${ARI_APP:-switchboard} ARI_BIND=127.0.0.1 SIP_BIND=127.0.0.1 SIP_PORT=${SIP_PORT:-5060} \
    SIP_TLS_PORT=${SIP_TLS_PORT:-5061} RTP_START=${RTP_START:-10000} RTP_END=${RTP_END:-10999} \
    SIP_TLS_CERT=/etc/asterisk/keys/asterisk.pem SIP_TLS_KEY=/etc/asterisk/keys/asterisk.key \
    SWITCHBOARD_DEMO_SECRETS=${SWITCHBOARD_DEMO_SECRETS:-1} \
    node_modules/.bin/tsx cli/main.ts asterisk config --out "$generated" --sandbox > /dev/null )
if grep -q '^protocol=wss\?$' "$generated/pjsip.conf"; then
  echo "the generated pjsip.conf already has a WebSocket transport: no overlay needed" >&2
  exit 1
fi
mkdir -p "$out"
cat "$generated/pjsip.conf" "$here/transport-ws.conf" > "$out/pjsip.conf"
echo "wrote $out/pjsip.conf (generated + transport-ws)" >&2
