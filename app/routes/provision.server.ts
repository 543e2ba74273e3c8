// GET /provision/:token, for phones (no sign-in): the one-time link an administrator made on the People page
// (docs/decisions/020-mobile-provisioning.md). A valid link answers the person's Linphone configuration once and is
// marked used in the same transaction; afterwards, and for a revoked or expired link, 410 Gone; an unknown token
// 404. Nothing else tells links apart: the same short text for every ended link, whatever ended it.
import type { SwitchboardDb } from '#db/client.ts';
import { consumeProvisioningLink } from '#db/provisioning-links.ts';
import type { Translate } from '#i18n/translator.ts';
import { linphoneProvisioningXml } from '#provisioning/mobile/linphone-config.ts';
import { mobileProvisioningSettingsFromEnv, parseSipHost } from '#provisioning/mobile/settings.ts';

/** Tokens are 43 base64url characters; anything else is not worth a database look-up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const NO_STORE = {
  // The answer carries credentials (ha1) and is for one phone once: no cache, browser or proxy, may keep it.
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`${body}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/** The answer to one request for a provisioning link. */
export function answerProvisioningRequest(input: {
  db: SwitchboardDb;
  request: Request;
  token: string;
  t: Translate;
  env?: NodeJS.ProcessEnv;
  now?: number;
}): Response {
  const { db, request, token, t } = input;
  // Only GET uses a link: a HEAD (a link checker, a preview) must not spend it.
  if (request.method !== 'GET') return text(405, t('mobile:provision.methodNotAllowed'), { Allow: 'GET' });
  if (!TOKEN.test(token)) return text(404, t('mobile:provision.unknown'));
  const settings = mobileProvisioningSettingsFromEnv(input.env ?? process.env);
  // Checked before the link is spent: a phone must never get an account it cannot register with.
  if (settings.sipTlsPort === null) return text(503, t('mobile:provision.noTls'));
  const sipHost = settings.sipHost ?? parseSipHost(new URL(request.url).hostname);
  if (!sipHost) return text(503, t('mobile:provision.noHost'));

  const use = consumeProvisioningLink(db, token, input.now ?? Date.now());
  if (use.kind === 'unknown') return text(404, t('mobile:provision.unknown'));
  if (use.kind === 'ended') return text(410, t('mobile:provision.gone'));
  const xml = linphoneProvisioningXml({
    username: use.person.username,
    displayName: use.person.displayName,
    ha1: use.person.sipMd5Cred,
    sipHost,
    sipTlsPort: settings.sipTlsPort,
  });
  return new Response(xml, {
    status: 200,
    headers: { 'Content-Type': 'application/xml; charset=utf-8', ...NO_STORE },
  });
}
