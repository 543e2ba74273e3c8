// A SipAccountProvisioner for tests without Asterisk: holds the accounts it was given, treats some as defined in
// pjsip.conf (read-only, as ARI does), and records every call.
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import type { AccountProvisioning, SipAccountProvisioner } from '../pjsip-provisioning.ts';

export class FakeSipProvisioner implements SipAccountProvisioner {
  readonly accounts = new Map<string, SipAccount>();
  readonly fromPjsipConf = new Map<string, SipAccount>();
  readonly calls: string[] = [];

  async applyAccount(account: SipAccount): Promise<AccountProvisioning> {
    this.calls.push(`apply ${account.username}`);
    const fixed = this.fromPjsipConf.get(account.username);
    if (fixed) return { kind: 'in-pjsip-conf', upToDate: fixed.md5Cred === account.md5Cred };
    this.accounts.set(account.username, account);
    return { kind: 'applied' };
  }

  async applyAuth(account: SipAccount): Promise<AccountProvisioning> {
    this.calls.push(`auth ${account.username}`);
    const fixed = this.fromPjsipConf.get(account.username);
    if (fixed) return { kind: 'in-pjsip-conf', upToDate: fixed.md5Cred === account.md5Cred };
    const known = this.accounts.get(account.username);
    this.accounts.set(account.username, { ...(known ?? account), md5Cred: account.md5Cred });
    return { kind: 'applied' };
  }

  async removeAccount(username: string): Promise<AccountProvisioning> {
    this.calls.push(`remove ${username}`);
    if (this.fromPjsipConf.has(username)) return { kind: 'in-pjsip-conf', upToDate: false };
    return this.accounts.delete(username) ? { kind: 'applied' } : { kind: 'absent' };
  }

  async managedUsernames(): Promise<string[]> {
    return [...this.accounts.keys(), ...this.fromPjsipConf.keys()].sort();
  }
}
