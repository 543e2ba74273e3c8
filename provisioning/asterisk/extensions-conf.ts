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
