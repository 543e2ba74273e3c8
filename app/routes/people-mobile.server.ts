// The People page's "Set up a mobile phone" (docs/decisions/020-mobile-provisioning.md): what the set-up panel of
// one person shows (their outstanding links), making a one-time link with its QR code, and revoking a link. The
// token of a new link is in this answer only: the database keeps its hash, so the link cannot be shown again.
import QRCode from 'qrcode';
import { data } from 'react-router';
import type { SwitchboardDb } from '#db/client.ts';
import {
  createProvisioningLink,
  listOutstandingProvisioningLinks,
  revokeProvisioningLink,
} from '#db/provisioning-links.ts';
import { getUserById } from '#db/users.ts';
import type { Translate } from '#i18n/translator.ts';
import { mobileProvisioningSettingsFromEnv } from '#provisioning/mobile/settings.ts';

export const MOBILE_INTENTS = ['mobile-link-create', 'mobile-link-revoke'] as const;
export type MobileIntent = (typeof MOBILE_INTENTS)[number];

export function isMobileIntent(intent: unknown): intent is MobileIntent {
  return MOBILE_INTENTS.includes(intent as MobileIntent);
}

/** The address a phone fetches: the origin the administrator reached Switchboard at, then /provision/<token>. */
export function provisioningUrl(origin: string, token: string): string {
  return `${origin}/provision/${token}`;
}

/** Loopback and private names where plain HTTP stays on the local machine or network. */
function isPlainHttpOverNetwork(url: URL): boolean {
  if (url.protocol !== 'http:') return false;
  return !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
}

/** The set-up panel of one person, or null when the person is unknown. */
export function loadMobileSetup(db: SwitchboardDb, personId: string, env = process.env, now = Date.now()) {
  const person = getUserById(db, personId);
  if (!person) return null;
  const settings = mobileProvisioningSettingsFromEnv(env);
  return {
    person: { id: person.id, username: person.username, displayName: person.displayName },
    links: listOutstandingProvisioningLinks(db, person.id, now).map((link) => ({
      id: link.id,
      createdAt: link.createdAt,
      expiresAt: link.expiresAt,
      createdByUsername: link.createdByUsername,
    })),
    tlsAvailable: settings.sipTlsPort !== null,
    linkMinutes: settings.linkMinutes,
  };
}

export type MobileSetup = NonNullable<ReturnType<typeof loadMobileSetup>>;

/** A link just made: everything the panel shows of it, this once. */
export interface CreatedMobileLink {
  linkId: string;
  url: string;
  /** The QR code of `url`, an SVG image as a data: URL (rendered here, on the server). */
  qrCode: string;
  expiresAt: number;
  minutes: number;
  /** The link is plain HTTP to a non-loopback name: the credentials would cross the network unencrypted. */
  plainHttp: boolean;
}

export type MobileActionResult = {
  mobile:
    | { intent: 'mobile-link-create'; personId: string; done: string; created: CreatedMobileLink }
    | { intent: 'mobile-link-revoke'; personId: string; done: string }
    | { intent: MobileIntent; personId: string; error: string };
};

/** The QR code of `text` as an SVG data: URL; error correction M, the usual quiet zone of 4 modules. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Makes or revokes a link for the person named in `form`, for the administrator `accountId`. */
export async function changeMobileLinks(input: {
  db: SwitchboardDb;
  accountId: string;
  form: FormData;
  t: Translate;
  /** The origin the administrator's browser reached Switchboard at (the link's address starts with it). */
  origin: string;
  env?: NodeJS.ProcessEnv;
  now?: number;
}) {
  const { db, form, t } = input;
  const intent = String(form.get('intent') ?? '') as MobileIntent;
  const personId = String(form.get('personId') ?? '');
  const now = input.now ?? Date.now();
  const refuse = (status: number, error: string) =>
    data<MobileActionResult>({ mobile: { intent, personId, error } }, { status });

  const person = getUserById(db, personId);
  if (!person) return refuse(404, t('mobile:errors.personGone'));

  if (intent === 'mobile-link-create') {
    const settings = mobileProvisioningSettingsFromEnv(input.env ?? process.env);
    if (settings.sipTlsPort === null) return refuse(409, t('mobile:errors.noTls'));
    const { link, token } = createProvisioningLink(db, {
      personId: person.id,
      createdBy: input.accountId,
      lifetimeMs: settings.linkMinutes * 60_000,
      now,
    });
    const url = provisioningUrl(input.origin, token);
    return data<MobileActionResult>({
      mobile: {
        intent,
        personId: person.id,
        done: t('mobile:done.created', { name: person.displayName }),
        created: {
          linkId: link.id,
          url,
          qrCode: await qrCodeDataUrl(url),
          expiresAt: link.expiresAt,
          minutes: settings.linkMinutes,
          plainHttp: isPlainHttpOverNetwork(new URL(url)),
        },
      },
    });
  }

  const linkId = String(form.get('linkId') ?? '');
  if (!revokeProvisioningLink(db, { linkId, personId: person.id, now })) {
    return refuse(409, t('mobile:errors.notOutstanding'));
  }
  return data<MobileActionResult>({
    mobile: { intent, personId: person.id, done: t('mobile:done.revoked') },
  });
}
