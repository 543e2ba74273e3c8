// The frame every /api endpoint runs in: a bearer token (never cookies, so the API cannot be driven cross-site),
// a role check, zod-parsed input, and every failure turned into `{ "error": { "message", ... } }` with its status.
import type { AppLoadContext } from 'react-router';
import { z } from 'zod';
import { authenticateApiToken, roleAtLeast, type ApiCaller, type StaffRole } from '#db/auth.ts';
import {
  FlowArchivedError,
  FlowNotFoundError,
  InvalidFlowDocumentError,
  NumberClaimedError,
  StaleRevisionError,
  VersionNotFoundError,
} from '#db/errors.ts';
import type { Diagnostic } from '#flows/validate.ts';
import { parseJsonWithLocation } from '#flows/validation/parse-json.ts';
import { log } from '#runtime/log.ts';
import { PublishRefusedError } from '#provisioning/publish-flow.ts';
import { describeBytes, MAX_FLOW_BODY_BYTES } from '#app/request-limits.ts';
import { DEFAULT_UI_LANGUAGE, languageFromAcceptLanguage, uiLanguageOf, type UiLanguage } from '#i18n/languages.ts';

/** A refusal with its HTTP status and any facts a script needs to react (diagnostics, current revision...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiArgs {
  request: Request;
  params: Record<string, string | undefined>;
  context: Pick<AppLoadContext, 'services'>;
}

export interface ApiCallArgs extends ApiArgs {
  caller: ApiCaller;
}

type Handler = (args: ApiCallArgs) => Promise<Response> | Response;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  // Responses carry drafts and tokens' work: never kept by shared caches.
  headers.set('Cache-Control', 'no-store');
  return Response.json(body, { ...init, headers });
}

function errorResponse(error: ApiError): Response {
  return json(
    { error: { message: error.message, ...error.details } },
    { status: error.status, headers: error.headers },
  );
}

const UNAUTHORIZED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="switchboard"' };

function authenticate(request: Request, context: ApiArgs['context']): ApiCaller {
  const header = request.headers.get('Authorization');
  if (!header) {
    throw new ApiError(
      401,
      'Send an API token: "Authorization: Bearer sbt_…" (an administrator creates them under API tokens).',
      {},
      UNAUTHORIZED_HEADERS,
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'The Authorization header must be "Bearer <token>".', {}, UNAUTHORIZED_HEADERS);
  const caller = authenticateApiToken(context.services.db, match[1]!);
  if (!caller) {
    throw new ApiError(
      401,
      'This API token is not valid: it is unknown, revoked, or the account that created it is disabled.',
      {},
      UNAUTHORIZED_HEADERS,
    );
  }
  return caller;
}

/** Storage and publishing errors, as the status a script can act on. */
function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof StaleRevisionError) {
    return new ApiError(409, error.message, { currentRevision: error.currentRevision });
  }
  if (error instanceof FlowNotFoundError || error instanceof VersionNotFoundError)
    return new ApiError(404, error.message);
  if (error instanceof FlowArchivedError) return new ApiError(409, error.message);
  if (error instanceof NumberClaimedError) {
    return new ApiError(409, error.message, {
      number: error.number,
      heldBy: { flowId: error.flowId, name: error.flowName },
    });
  }
  if (error instanceof InvalidFlowDocumentError) {
    return new ApiError(400, error.message, {
      diagnostics: error.problems.map((problem) => documentDiagnostic(problem.path, problem.message)),
    });
  }
  if (error instanceof PublishRefusedError) return new ApiError(422, error.message, { diagnostics: error.diagnostics });
  return null;
}

function documentDiagnostic(field: string, message: string): Diagnostic {
  return {
    severity: 'error',
    code: 'document-invalid',
    message: field ? `${field}: ${message}` : message,
    ...(field ? { field } : {}),
  };
}

/**
 * The language of the sentences an API answer carries (validation messages; codes never change): the request's
 * Accept-Language, else the token owner's interface setting, else French. A script sets the header to choose, rather
 * than depend on a setting of the person who made its token.
 */
export function callerLanguage(args: Pick<ApiCallArgs, 'request' | 'caller'>): UiLanguage {
  return (
    languageFromAcceptLanguage(args.request.headers.get('accept-language')) ??
    uiLanguageOf(args.caller.account.language) ??
    DEFAULT_UI_LANGUAGE
  );
}

/**
 * One endpoint: authenticates the bearer token, requires `role`, runs the handler, and answers every failure in
 * JSON. Unexpected errors become a 500 without internals (they are logged by the server).
 */
export function apiEndpoint(role: StaffRole, handler: Handler) {
  return async (args: ApiArgs): Promise<Response> => {
    try {
      const caller = authenticate(args.request, args.context);
      if (!roleAtLeast(caller.role, role)) {
        throw new ApiError(403, `This needs a token with the ${role} role; this token is ${caller.role}.`);
      }
      return await handler({ ...args, caller });
    } catch (error) {
      const known = toApiError(error);
      if (known) return errorResponse(known);
      log.error('API request failed', {
        method: args.request.method,
        url: new URL(args.request.url).pathname,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return errorResponse(new ApiError(500, 'Something went wrong on the server; the details are in its log.'));
    }
  };
}

/**
 * Routes one URL's methods to endpoints; anything else gets 405 with Allow. Resource routes send GET/HEAD to the
 * loader and the rest to the action, so each route module exports both, made from the same table.
 */
export function apiMethods(endpoints: Partial<Record<'GET' | 'POST' | 'PUT', (args: ApiArgs) => Promise<Response>>>) {
  const allowed = Object.keys(endpoints).join(', ');
  return (args: ApiArgs): Promise<Response> => {
    const method = args.request.method.toUpperCase() === 'HEAD' ? 'GET' : args.request.method.toUpperCase();
    const endpoint = endpoints[method as keyof typeof endpoints];
    if (!endpoint) {
      return Promise.resolve(
        errorResponse(new ApiError(405, `${method} is not allowed here; use ${allowed}.`, {}, { Allow: allowed })),
      );
    }
    return endpoint(args);
  };
}

async function readBodyText(request: Request): Promise<string> {
  const tooLarge = () =>
    new ApiError(413, `The body is larger than ${describeBytes(MAX_FLOW_BODY_BYTES)}, the most the API accepts.`);
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_FLOW_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  // Counted while reading: a body sent in chunks, without a length, stops being read at the limit.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FLOW_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON text to a value, or a 400 saying what is wrong and at which line and column; nothing else happens. */
function parseJsonBody(text: string): unknown {
  const parsed = parseJsonWithLocation(text);
  if (parsed.ok) return parsed.value;
  const { line, column, message } = parsed.error;
  throw new ApiError(400, `The body is not valid JSON (line ${line}, column ${column}): ${message}`, {
    where: { line, column },
  });
}

/** The request body as JSON, with "what and where" for a syntax error. */
export async function readJson(request: Request): Promise<unknown> {
  return parseJsonBody(await readBodyText(request));
}

/** readJson for endpoints whose body is optional: an empty body is `undefined`. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  return text.trim() === '' ? undefined : parseJsonBody(text);
}

/** Issues as `{ path, message }`, path dotted ("document.nodes.3.id"), for input that is not a flow document. */
function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses `value` with `schema` or throws a 400 listing every problem and where it is. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = 'The request body'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  throw new ApiError(400, `${what} is not valid: ${summary}`, { issues });
}

export async function readJsonInput<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  return parseInput(schema, await readJson(request));
}

export function requireParam(args: ApiArgs, name: string): string {
  const value = args.params[name];
  if (!value) throw new ApiError(400, `The URL is missing the ${name}.`);
  return value;
}

/** How API writes sign versions and drafts: the person behind the token, and which token. */
export function authorOf(caller: ApiCaller): string {
  return `${caller.account.username} (API token "${caller.token.name}")`;
}
