// What the server hands the browser's softphone (POST /softphone/credentials): the SIP identity of the signed-in
// person's browser device and a password for this staff session. Shared by the server route and the softphone; the
// page keeps the password in memory only (never in storage), and asks again after a reload.
import { z } from 'zod';

/** Path of the SIP WebSocket the web app proxies to Asterisk (same origin: one certificate, one address). */
export const SIP_WEBSOCKET_PATH = '/sip';
/** Path the softphone posts to for its credentials. */
export const SOFTPHONE_CREDENTIALS_PATH = '/softphone/credentials';

const iceServerSchema = z.object({ urls: z.union([z.string(), z.array(z.string())]) });

export const softphoneCredentialsSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ready'),
    /** Relative to the page's origin: ws(s)://<host><websocketPath>. */
    websocketPath: z.string().startsWith('/'),
    /** e.g. "sip:bob~web@switchboard.invalid" */
    sipUri: z.string().startsWith('sip:'),
    authorizationUser: z.string().min(1),
    password: z.string().min(16),
    realm: z.string().min(1),
    displayName: z.string(),
    /** The person's extension, what others dial to reach them. */
    extension: z.string(),
    iceServers: z.array(iceServerSchema),
  }),
  /** The signed-in staff account is not linked to a person of the directory: nothing to register. */
  z.object({ status: z.literal('no-person') }),
]);

export type SoftphoneCredentials = z.infer<typeof softphoneCredentialsSchema>;
export type ReadySoftphoneCredentials = Extract<SoftphoneCredentials, { status: 'ready' }>;
