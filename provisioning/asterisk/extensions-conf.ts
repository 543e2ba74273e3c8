// extensions.conf: the only dialplan Switchboard has. Every dialled number goes into the Stasis app with the
// number as its argument; flows bound to numbers decide the rest. The sandbox adds helper contexts for tests.
import type { AsteriskConfigSettings } from './config.ts';
import { confFile } from './conf-format.ts';

export function extensionsConf(settings: AsteriskConfigSettings): string {
  const { app } = settings;
  return confFile([
    '[general]',
    'static=yes',
    'writeprotect=yes',
    '',
    "; Calls from Switchboard's own SIP accounts (phones that registered with digest auth).",
    '[from-internal]',
    ...everyNumberToStasis(app),
    '; Calls from trusted SIP peers without an account (trunks; in the sandbox: sipp on 127.0.0.1).',
    '[from-sip]',
    ...everyNumberToStasis(app),
    ...personContext(),
    ...deviceContexts(app),
    ...(settings.sandbox ? sandboxContexts(app) : []),
  ]);
}

function everyNumberToStasis(app: string): string[] {
  return [
    // `_X.` would need at least two characters ("2" would be "No such extension"); `!` also matches one.
    'exten => _X!,1,Stasis(' + app + ',${EXTEN})',
    ' same => n,Hangup()',
    // Numbers starting with * # + (feature codes, E.164) and SIP user names such as "sales".
    'exten => _[*#+a-zA-Z]!,1,Stasis(' + app + ',${EXTEN})',
    ' same => n,Hangup()',
    // No number at all (e.g. a URI without user part) still reaches the app, with no argument.
    `exten => s,1,Stasis(${app})`,
    ' same => n,Hangup()',
    // The letter pattern above also matches "h", which Asterisk runs when a channel hangs up: an explicit h
    // wins over patterns and keeps a hung-up call from re-entering Stasis.
    'exten => h,1,NoOp(call ended)',
    '',
  ];
}

/**
 * Rings every device of a person at once (desk phone and browser), first to answer wins: the runtime dials
 * `Local/<username>@switchboard-person/n` (runtime/person-dial.ts). No ring timeout here: the runtime's originate
 * timeout hangs up the Local channel, which ends this Dial. The hang-up cause carries DIALSTATUS back to the
 * runtime's side of the Local channel, where dialOutcomeFromCause tells busy, no answer and failed apart.
 */
function personContext(): string[] {
  return [
    "; Local/<username>@switchboard-person: all of that person's registered devices, <username> and <username>~web.",
    '; Usernames are [a-z][a-z0-9._-]+ (at least 2 characters): `_[a-z].` matches them all and never "h".',
    '[switchboard-person]',
    'exten => _[a-z].,1,NoOp(ring every device of ${EXTEN})',
    // PJSIP_DIAL_CONTACTS warns about an endpoint that does not exist (no browser device pushed yet): the device state
    // (INVALID for an unknown endpoint, silently) decides whether to ask. A GotoIf, since Asterisk expands every
    // ${...} of a line before running it, ExecIf's untaken branch included.
    ' same => n,Set(DESK=)',
    ' same => n,GotoIf($["${DEVICE_STATE(PJSIP/${EXTEN})}" = "INVALID"]?web)',
    ' same => n,Set(DESK=${PJSIP_DIAL_CONTACTS(${EXTEN})})',
    ' same => n(web),Set(WEB=)',
    ' same => n,GotoIf($["${DEVICE_STATE(PJSIP/${EXTEN}~web)}" = "INVALID"]?join)',
    ' same => n,Set(WEB=${PJSIP_DIAL_CONTACTS(${EXTEN}~web)})',
    ' same => n(join),Set(DEVICES=${DESK}${IF($[${LEN(${DESK})} > 0 & ${LEN(${WEB})} > 0]?&)}${WEB})',
    // Nothing registered: fail at once with "subscriber absent" instead of ringing nothing until the timeout.
    ' same => n,GotoIf($[${LEN(${DEVICES})} = 0]?absent)',
    ' same => n,Dial(${DEVICES})',
    ' same => n,Set(CAUSE=16)',
    ' same => n,ExecIf($["${DIALSTATUS}" = "BUSY"]?Set(CAUSE=17))',
    ' same => n,ExecIf($["${DIALSTATUS}" = "NOANSWER"]?Set(CAUSE=19))',
    ' same => n,ExecIf($["${DIALSTATUS}" = "CONGESTION"]?Set(CAUSE=34))',
    ' same => n,ExecIf($["${DIALSTATUS}" = "CHANUNAVAIL"]?Set(CAUSE=20))',
    // Dial() counts a "decline" (603, cause 21) as CHANUNAVAIL; the runtime treats it as busy (dial-outcome.ts).
    // HANGUPCAUSE is the cause of the device that failed last.
    ' same => n,ExecIf($["${DIALSTATUS}" = "CHANUNAVAIL" & "${HANGUPCAUSE}" = "21"]?Set(CAUSE=21))',
    ' same => n,Hangup(${CAUSE})',
    ' same => n(absent),Hangup(20)',
    'exten => h,1,NoOp(person call ended)',
    '',
  ];
}

/** Context of the browser devices' calls (BROWSER_ENDPOINT_DEFAULTS in pjsip-account.ts). */
export const DEVICE_CALL_CONTEXT = 'switchboard-device';
/** Where the Local channel of such a call enters the Stasis app (runtime/ari/call-port.ts trusts its arguments). */
export const DEVICE_STASIS_CONTEXT = 'switchboard-device-stasis';

/**
 * A browser device's call reaches the Stasis app through a Local channel, so that the browser's own channel stays in
 * an ordinary Dial() bridge and never in the runtime's: a transfer the browser makes (REFER, attended with Replaces)
 * then happens between Asterisk's own bridges, and the runtime's calls on the other side of the Local channels go on
 * untouched. (With the browser's channel in the runtime's bridge, Asterisk would swap it out mid-call and the runtime
 * would take that for a hang-up.) The Stasis arguments say which device called, for feature codes and caller
 * identification; only a number of dialable characters goes through, so nobody can smuggle arguments in.
 */
function deviceContexts(app: string): string[] {
  return [
    `; Calls from browser devices (<username>~web): through a Local channel into the Stasis app.`,
    `[${DEVICE_CALL_CONTEXT}]`,
    'exten => _[0-9*#+a-zA-Z]!,1,GotoIf($[${REGEX("[^0-9A-Za-z*#+]" ${EXTEN})}]?refuse)',
    ' same => n,Set(__SWITCHBOARD_DEVICE=${CHANNEL(endpoint)})',
    ` same => n,Dial(Local/\${EXTEN}@${DEVICE_STASIS_CONTEXT}/n)`,
    ' same => n,Hangup()',
    // 1: unallocated number, what a number with other characters is.
    ' same => n(refuse),Hangup(1)',
    // h would otherwise go on at priority 2 of the pattern above (it matches "h") and dial again.
    'exten => h,1,NoOp(device call ended)',
    ' same => n,Hangup()',
    `[${DEVICE_STASIS_CONTEXT}]`,
    `exten => _[0-9*#+a-zA-Z]!,1,Stasis(${app},\${EXTEN},device,\${SWITCHBOARD_DEVICE})`,
    ' same => n,Hangup()',
    'exten => h,1,NoOp(device call ended)',
    ' same => n,Hangup()',
    '',
  ];
}

function sandboxContexts(app: string): string[] {
  return [
    '; ===== sandbox only: helpers for end-to-end tests =====',
    '; Local/s@stasis or Local/<n>@stasis -> Stasis(app[,n]). When both halves of a Local channel are in Stasis,',
    '; answer the ;2 half on its StasisStart, otherwise the ;1 half never enters.',
    '[stasis]',
    `exten => s,1,Stasis(${app})`,
    ' same => n,Hangup()',
    'exten => _X!,1,Stasis(' + app + ',${EXTEN})',
    ' same => n,Hangup()',
    '',
    '; DTMF injector: originate Local/<digits>@dtmf into the app -> the ;1 half (in Stasis) receives each digit',
    '; about 1.5 s after it answers. The long Wait keeps the far half up while the test runs.',
    '[dtmf]',
    'exten => _[0-9*#A-D]!,1,Answer()',
    ' same => n,Wait(1.5)',
    ' same => n,SendDTMF(${EXTEN},250)',
    ' same => n,Wait(3600)',
    ' same => n,Hangup()',
    '',
    '; Silent far end: Local/s@wait waits 60 s, Local/<n>@wait waits n seconds.',
    '[wait]',
    'exten => s,1,Answer()',
    ' same => n,Wait(60)',
    ' same => n,Hangup()',
    'exten => _X!,1,Answer()',
    ' same => n,Wait(${EXTEN})',
    ' same => n,Hangup()',
    '',
    "; channels.continueInDialplan({context:'confbridge', extension:'1000', priority:1})",
    '[confbridge]',
    'exten => _X!,1,Answer()',
    ' same => n,ConfBridge(${EXTEN})',
    ' same => n,Hangup()',
    '',
    '; Local/100@voicemail -> leave a message in mailbox 100@default (beep, then record).',
    '[voicemail]',
    'exten => _X!,1,Answer()',
    ' same => n,VoiceMail(${EXTEN}@default,s)',
    ' same => n,Hangup()',
    '',
  ];
}
