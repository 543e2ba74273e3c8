import { describe, expect, it } from 'vitest';
import { allowedHostsFromEnv, isAllowedHost, parseHost } from './allowed-hosts.ts';

describe('allowed hosts', () => {
  it('reads names, ports and IPv6 addresses, and refuses what is not a host', () => {
    expect(parseHost('Switchboard.Example.com')).toEqual({ name: 'switchboard.example.com', port: null });
    expect(parseHost('10.0.0.5:3000')).toEqual({ name: '10.0.0.5', port: 3000 });
    expect(parseHost('[::1]:3000')).toEqual({ name: '::1', port: 3000 });
    for (const bad of ['', 'evil.example/x', 'a b', 'host:99999', '[nope]:1', 'user@host'])
      expect(parseHost(bad)).toBeNull();
  });

  it('accepts loopback names on the port the request came in on, and nothing else by default', () => {
    expect(isAllowedHost('127.0.0.1:3000', 3000, [])).toBe(true);
    expect(isAllowedHost('localhost:3000', 3000, [])).toBe(true);
    expect(isAllowedHost('[::1]:3000', 3000, [])).toBe(true);
    expect(isAllowedHost('localhost', 80, [])).toBe(true);
    expect(isAllowedHost('localhost:3001', 3000, [])).toBe(false);
    expect(isAllowedHost('evil.example:3000', 3000, [])).toBe(false);
    expect(isAllowedHost('localhost.evil.example:3000', 3000, [])).toBe(false);
    expect(isAllowedHost(undefined, 3000, [])).toBe(false);
  });

  it('adds SWITCHBOARD_ALLOWED_HOSTS, the host of PROMPT_BASE_URL and a specific HOST', () => {
    const allowed = allowedHostsFromEnv({
      SWITCHBOARD_ALLOWED_HOSTS: 'switchboard.example.com, 10.0.0.5:3000',
      PROMPT_BASE_URL: 'http://192.168.1.20:3000/prompts',
      HOST: '192.168.1.20',
    });
    expect(isAllowedHost('switchboard.example.com', 3000, allowed)).toBe(true);
    expect(isAllowedHost('switchboard.example.com:8443', 3000, allowed)).toBe(true);
    expect(isAllowedHost('10.0.0.5:3000', 3000, allowed)).toBe(true);
    expect(isAllowedHost('10.0.0.5:3001', 3000, allowed)).toBe(false);
    expect(isAllowedHost('192.168.1.20:3000', 3000, allowed)).toBe(true);
    expect(isAllowedHost('evil.example', 3000, allowed)).toBe(false);
    expect(allowedHostsFromEnv({ HOST: '0.0.0.0' })).toEqual([]);
  });

  it('stops at start-up on an entry that is not a host name, naming the setting', () => {
    expect(() => allowedHostsFromEnv({ SWITCHBOARD_ALLOWED_HOSTS: 'https://switchboard.example.com/' })).toThrow(
      'SWITCHBOARD_ALLOWED_HOSTS: "https://switchboard.example.com/" is not a host name',
    );
  });
});
