import { describe, expect, it } from 'vitest';
import { sipMd5Cred } from '#db/users.ts';
import { LINPHONE_CONFIG_NAMESPACE, linphoneProvisioningXml, sipQuotedName, xmlEscape } from './linphone-config.ts';
import { lpconfigValue, parseLpconfig } from './testing/parse-lpconfig.ts';

const bob = {
  username: 'bob',
  displayName: 'Bob Martin',
  ha1: sipMd5Cred('bob', 'Ciel-Gris-93'),
  sipHost: 'pbx.example.org',
  sipTlsPort: 5061,
};

describe('Linphone provisioning XML', () => {
  it('is well-formed lpconfig XML in Linphone’s namespace, every entry overwriting what the phone had', () => {
    const xml = linphoneProvisioningXml(bob);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<config ')).toBe(true);
    const config = parseLpconfig(xml);
    expect(config.rootName).toBe('config');
    expect(config.namespace).toBe(LINPHONE_CONFIG_NAMESPACE);
    expect(config.order).toEqual(['sip', 'misc', 'proxy_0', 'auth_info_0', 'audio_codec_0', 'audio_codec_1']);
    for (const entries of config.sections.values()) {
      for (const entry of entries.values()) expect(entry.overwrite).toBe('true');
    }
  });

  it('sets up the person’s desk-phone account over TLS, authenticated by ha1 in realm "asterisk"', () => {
    const config = parseLpconfig(linphoneProvisioningXml(bob));
    expect(
      Object.fromEntries([...config.sections.get('proxy_0')!].map(([name, entry]) => [name, entry.value])),
    ).toEqual({
      reg_proxy: 'sip:pbx.example.org:5061;transport=tls',
      reg_route: 'sip:pbx.example.org:5061;transport=tls',
      reg_identity: '"Bob Martin" <sip:bob@pbx.example.org>',
      realm: 'asterisk',
      reg_expires: '600',
      reg_sendregister: '1',
      publish: '0',
      dial_escape_plus: '0',
      push_notification_allowed: '0',
      remote_push_notification_allowed: '0',
    });
    expect(
      Object.fromEntries([...config.sections.get('auth_info_0')!].map(([name, entry]) => [name, entry.value])),
    ).toEqual({
      username: 'bob',
      userid: 'bob',
      ha1: sipMd5Cred('bob', 'Ciel-Gris-93'),
      realm: 'asterisk',
      domain: 'pbx.example.org',
      algorithm: 'MD5',
    });
  });

  it('never carries a password: no passwd entry, and ha1 is what Asterisk stores', () => {
    const xml = linphoneProvisioningXml(bob);
    expect(xml).not.toContain('Ciel-Gris-93');
    expect(xml).not.toContain('passwd');
    expect(lpconfigValue(parseLpconfig(xml), 'auth_info_0', 'ha1')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('asks for SRTP without making it mandatory, RFC 2833 DTMF, a transient link, and G.711 alone', () => {
    const config = parseLpconfig(linphoneProvisioningXml(bob));
    expect(Object.fromEntries([...config.sections.get('sip')!].map(([name, entry]) => [name, entry.value]))).toEqual({
      default_proxy: '0',
      media_encryption: 'srtp',
      media_encryption_mandatory: '0',
      use_rfc2833: '1',
      use_info: '0',
    });
    expect(lpconfigValue(config, 'misc', 'transient_provisioning')).toBe('1');
    expect(lpconfigValue(config, 'misc', 'add_missing_audio_codecs')).toBe('0');
    const codecs = ['audio_codec_0', 'audio_codec_1'].map((section) => ({
      mime: lpconfigValue(config, section, 'mime'),
      rate: lpconfigValue(config, section, 'rate'),
      channels: lpconfigValue(config, section, 'channels'),
      enabled: lpconfigValue(config, section, 'enabled'),
    }));
    expect(codecs).toEqual([
      { mime: 'PCMU', rate: '8000', channels: '1', enabled: '1' },
      { mime: 'PCMA', rate: '8000', channels: '1', enabled: '1' },
    ]);
  });

  it('escapes every XML special character of a name, and quotes it for SIP', () => {
    const xml = linphoneProvisioningXml({ ...bob, displayName: `Bob "Le Grand" <R&D> l'ami \\ o/` });
    expect(xml).toContain('&quot;Bob \\&quot;Le Grand\\&quot; &lt;R&amp;D&gt; l&apos;ami \\\\ o/&quot;');
    expect(lpconfigValue(parseLpconfig(xml), 'proxy_0', 'reg_identity')).toBe(
      `"Bob \\"Le Grand\\" <R&D> l'ami \\\\ o/" <sip:bob@pbx.example.org>`,
    );
  });

  it('keeps accents as UTF-8 and drops control characters, which XML 1.0 cannot carry', () => {
    const xml = linphoneProvisioningXml({ ...bob, displayName: 'Zoé\u0007 Lefèvre\n' });
    expect(lpconfigValue(parseLpconfig(xml), 'proxy_0', 'reg_identity')).toBe(
      '"Zoé Lefèvre" <sip:bob@pbx.example.org>',
    );
    const nameless = linphoneProvisioningXml({ ...bob, displayName: '  ' });
    expect(lpconfigValue(parseLpconfig(nameless), 'proxy_0', 'reg_identity')).toBe('<sip:bob@pbx.example.org>');
  });

  it('writes an IPv6 server between brackets and uses the given TLS port', () => {
    const config = parseLpconfig(linphoneProvisioningXml({ ...bob, sipHost: '2001:db8::5', sipTlsPort: 5161 }));
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toBe('sip:[2001:db8::5]:5161;transport=tls');
    expect(lpconfigValue(config, 'proxy_0', 'reg_identity')).toBe('"Bob Martin" <sip:bob@[2001:db8::5]>');
    expect(lpconfigValue(config, 'auth_info_0', 'domain')).toBe('[2001:db8::5]');
  });

  it('refuses what cannot be an account rather than writing it', () => {
    expect(() => linphoneProvisioningXml({ ...bob, username: 'Bob<x>' })).toThrow('SIP user name');
    expect(() => linphoneProvisioningXml({ ...bob, ha1: 'not-a-digest' })).toThrow('ha1');
    expect(() => linphoneProvisioningXml({ ...bob, sipTlsPort: 0 })).toThrow('port');
  });

  it('has helpers that escape all five characters and quote names', () => {
    expect(xmlEscape(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
    expect(sipQuotedName('A "b" \\c')).toBe('"A \\"b\\" \\\\c"');
    expect(sipQuotedName('\u0001')).toBe('');
  });

  it('is checked by a parser that refuses what is not well-formed', () => {
    expect(() => parseLpconfig('<config><section name="a"><entry name="b">R&D</entry></section></config>')).toThrow();
    expect(() => parseLpconfig('<config><section name="a"></config>')).toThrow();
  });
});
