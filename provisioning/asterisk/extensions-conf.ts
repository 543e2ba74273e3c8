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
