// A softphone's REGISTER over SIP/TLS with digest authentication, for end-to-end tests: Debian's sipp is built
// without TLS, so this speaks the few SIP messages itself over node:tls. The server certificate is checked against
// the CA the test gives (the sandbox's self-signed certificate), as a phone that trusts it would.
import { createHash, randomBytes } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';

export interface TlsRegistration {
  /** Status codes of the responses, in order, e.g. [401, 200]. */
  statuses: number[];
  /** The TLS protocol the server agreed to, e.g. "TLSv1.2". */
  protocol: string | null;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(8).toString('hex');

/** Reads SIP messages off a stream: headers up to a blank line, then Content-Length bytes of body. */
class SipReader {
  private buffer = '';
  private waiting: ((message: string) => void)[] = [];
  private ready: string[] = [];

  constructor(socket: TLSSocket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/^content-length:\s*(\d+)/im.exec(this.buffer.slice(0, end))?.[1] ?? 0);
        if (this.buffer.length < end + 4 + length) return;
        const message = this.buffer.slice(0, end + 4 + length);
        this.buffer = this.buffer.slice(end + 4 + length);
        const waiter = this.waiting.shift();
        if (waiter) waiter(message);
        else this.ready.push(message);
      }
    });
  }

  next(timeoutMs: number): Promise<string> {
    const ready = this.ready.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SIP response within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }
}

/** REGISTERs `username` at host:port over TLS, answering one digest challenge; resolves with what the server said. */
export async function registerOverTls(options: {
  host: string;
  port: number;
  ca: string | Buffer;
  username: string;
  password: string;
  expires: number;
  timeoutMs?: number;
}): Promise<TlsRegistration> {
  const { host, port, username, password, expires } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    const tls = connect({ host, port, ca: options.ca, servername: host.match(/^[\d.]+$/) ? undefined : host }, () =>
      resolve(tls),
    );
    tls.once('error', reject);
  });
  try {
    const reader = new SipReader(socket);
    const local = `${socket.localAddress}:${socket.localPort}`;
    const uri = `sip:${host}:${port};transport=tls`;
    const callId = token();
    const fromTag = token();
    const statuses: number[] = [];
    let authorization: string | null = null;
    for (let cseq = 1; cseq <= 2; cseq += 1) {
      const request = [
        `REGISTER ${uri} SIP/2.0`,
        `Via: SIP/2.0/TLS ${local};branch=z9hG4bK${token()};rport`,
        'Max-Forwards: 70',
        `From: <sip:${username}@${host}>;tag=${fromTag}`,
        `To: <sip:${username}@${host}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        `Contact: <sip:${username}@${local};transport=tls>`,
        `Expires: ${expires}`,
        ...(authorization ? [`Authorization: ${authorization}`] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.write(request);
      const response = await reader.next(timeoutMs);
      const status = Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1]);
      statuses.push(status);
      if (status !== 401) break;
      const challenge = /^WWW-Authenticate:\s*Digest\s+(.*)$/im.exec(response)?.[1];
      if (!challenge) throw new Error(`401 without a digest challenge:\n${response}`);
      authorization = digestAuthorization(challenge, { username, password, uri });
    }
    return { statuses, protocol: socket.getProtocol() };
  } finally {
    socket.end();
  }
}

/** RFC 2617/7616 MD5 digest response to a REGISTER, with qop=auth when the server offers it. */
export function digestAuthorization(
  challenge: string,
  credentials: { username: string; password: string; uri: string },
): string {
  const params = Object.fromEntries(
    [...challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((match) => [
      match[1]!.toLowerCase(),
      match[2] ?? match[3] ?? '',
    ]),
  );
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`);
  const ha2 = md5(`REGISTER:${credentials.uri}`);
  const offersAuth = (params.qop ?? '')
    .split(',')
    .map((value) => value.trim())
    .includes('auth');
  const fields = [
    `username="${credentials.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${credentials.uri}"`,
    'algorithm=MD5',
  ];
  if (offersAuth) {
    const cnonce = token();
    const nc = '00000001';
    fields.push(
      `response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`,
      'qop=auth',
      `nc=${nc}`,
      `cnonce="${cnonce}"`,
    );
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (params.opaque !== undefined) fields.push(`opaque="${params.opaque}"`);
  return `Digest ${fields.join(', ')}`;
}
