// The settings of mobile phone set-up (docs/softphone.md, "Mobile phones"), read from the environment:
//   PROVISIONING_LINK_MINUTES  how long a one-time link stays valid: 5..1440, default 30
//   SIP_PUBLIC_HOST            the name or address phones reach Asterisk at; default: the host name the
//                              administrator's browser used to reach Switchboard
//   SIP_TLS_PORT               Asterisk's SIP over TLS port (default 5061); 0 means no TLS transport, and then no
//                              links can be made: a mobile phone registers over TLS only
import { isIP } from 'node:net';

export const DEFAULT_LINK_MINUTES = 30;
export const MIN_LINK_MINUTES = 5;
export const MAX_LINK_MINUTES = 1440;
export const DEFAULT_SIP_TLS_PORT = 5061;

/** A setting that cannot be used; its message names the variable. */
export class MobileProvisioningSettingError extends Error {
  override readonly name = 'MobileProvisioningSettingError';
}

export interface MobileProvisioningSettings {
  /** Lifetime of a new link, in minutes. */
  linkMinutes: number;
  /** SIP_PUBLIC_HOST (lower-case; IPv6 without brackets), or null to use the request's host name. */
  sipHost: string | null;
  /** null: SIP_TLS_PORT=0, the TLS transport is off. */
  sipTlsPort: number | null;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `pbx.example.org`, `192.0.2.10`, `2001:db8::1` or `[2001:db8::1]` -> the name (IPv6 without brackets); else null. */
export function parseSipHost(text: string): string | null {
  const trimmed = text.trim().toLowerCase().replace(/\.$/, '');
  const bracketed = /^\[(.+)\]$/.exec(trimmed);
  if (bracketed) return isIP(bracketed[1]!) === 6 ? bracketed[1]! : null;
  if (isIP(trimmed) !== 0) return trimmed;
  return HOST_NAME.test(trimmed) ? trimmed : null;
}

/** The host as it is written in a SIP URI: IPv6 addresses between brackets. */
export function sipUriHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** Throws MobileProvisioningSettingError naming the variable when one of them cannot be used. */
export function mobileProvisioningSettingsFromEnv(env: NodeJS.ProcessEnv): MobileProvisioningSettings {
  return {
    linkMinutes: linkMinutes(env.PROVISIONING_LINK_MINUTES),
    sipHost: sipHost(env.SIP_PUBLIC_HOST),
    sipTlsPort: sipTlsPort(env.SIP_TLS_PORT),
  };
}

function linkMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_LINK_MINUTES;
  const minutes = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || minutes < MIN_LINK_MINUTES || minutes > MAX_LINK_MINUTES) {
    throw new MobileProvisioningSettingError(
      `PROVISIONING_LINK_MINUTES: "${value}" is not a whole number of minutes from ${MIN_LINK_MINUTES} to ${MAX_LINK_MINUTES} (default ${DEFAULT_LINK_MINUTES}).`,
    );
  }
  return minutes;
}

function sipHost(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const host = parseSipHost(value);
  if (!host) {
    throw new MobileProvisioningSettingError(
      `SIP_PUBLIC_HOST: "${value}" is not a host name or IP address (write e.g. pbx.example.org, without "sip:" or a port).`,
    );
  }
  return host;
}

function sipTlsPort(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return DEFAULT_SIP_TLS_PORT;
  const port = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || port > 65535) {
    throw new MobileProvisioningSettingError(
      `SIP_TLS_PORT: "${value}" is not a port number (1 to 65535, or 0 for no TLS transport; default ${DEFAULT_SIP_TLS_PORT}).`,
    );
  }
  return port === 0 ? null : port;
}
