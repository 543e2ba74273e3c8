import { describe, expect, it } from 'vitest';
import {
  MobileProvisioningSettingError,
  mobileProvisioningSettingsFromEnv,
  parseSipHost,
  sipUriHost,
} from './settings.ts';

describe('mobile provisioning settings', () => {
  it('default to 30-minute links, the request’s host and TLS on 5061', () => {
    expect(mobileProvisioningSettingsFromEnv({})).toEqual({ linkMinutes: 30, sipHost: null, sipTlsPort: 5061 });
    expect(
      mobileProvisioningSettingsFromEnv({ PROVISIONING_LINK_MINUTES: '', SIP_PUBLIC_HOST: ' ', SIP_TLS_PORT: '' }),
    ).toEqual({ linkMinutes: 30, sipHost: null, sipTlsPort: 5061 });
  });

  it('read PROVISIONING_LINK_MINUTES from 5 to 1440 and refuse anything else by name', () => {
    expect(mobileProvisioningSettingsFromEnv({ PROVISIONING_LINK_MINUTES: '5' }).linkMinutes).toBe(5);
    expect(mobileProvisioningSettingsFromEnv({ PROVISIONING_LINK_MINUTES: '1440' }).linkMinutes).toBe(1440);
    for (const value of ['4', '1441', '10.5', 'ten', '-30']) {
      expect(() => mobileProvisioningSettingsFromEnv({ PROVISIONING_LINK_MINUTES: value })).toThrow(
        MobileProvisioningSettingError,
      );
    }
    expect(() => mobileProvisioningSettingsFromEnv({ PROVISIONING_LINK_MINUTES: '0' })).toThrow(
      /^PROVISIONING_LINK_MINUTES: "0" is not a whole number of minutes from 5 to 1440/,
    );
  });

  it('read SIP_PUBLIC_HOST as a host name or address, never a URI', () => {
    expect(mobileProvisioningSettingsFromEnv({ SIP_PUBLIC_HOST: 'PBX.Example.org' }).sipHost).toBe('pbx.example.org');
    expect(mobileProvisioningSettingsFromEnv({ SIP_PUBLIC_HOST: '[2001:db8::1]' }).sipHost).toBe('2001:db8::1');
    for (const value of ['sip:pbx.example.org', 'pbx.example.org:5061', 'a b', 'pbx_example.org', '<x>']) {
      expect(() => mobileProvisioningSettingsFromEnv({ SIP_PUBLIC_HOST: value })).toThrow(/^SIP_PUBLIC_HOST: /);
    }
  });

  it('read SIP_TLS_PORT, 0 meaning no TLS transport', () => {
    expect(mobileProvisioningSettingsFromEnv({ SIP_TLS_PORT: '5161' }).sipTlsPort).toBe(5161);
    expect(mobileProvisioningSettingsFromEnv({ SIP_TLS_PORT: '0' }).sipTlsPort).toBeNull();
    for (const value of ['65536', 'tls', '50.61']) {
      expect(() => mobileProvisioningSettingsFromEnv({ SIP_TLS_PORT: value })).toThrow(/^SIP_TLS_PORT: /);
    }
  });

  it('write IPv6 hosts between brackets in SIP URIs', () => {
    expect(parseSipHost('192.0.2.7')).toBe('192.0.2.7');
    expect(parseSipHost('::1')).toBe('::1');
    expect(sipUriHost('::1')).toBe('[::1]');
    expect(sipUriHost('pbx.example.org')).toBe('pbx.example.org');
  });
});
