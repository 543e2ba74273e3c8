// POST /api/prompt-preview {text, language, voice?}: the prompt rendered as callers will hear it (8 kHz WAV), for
// the editor's Listen button. Rendered files land in the prompt store, so publishing finds them already made.
// Unlike the rest of /api this is for the signed-in browser (cookie session + X-CSRF-Token header), not for tokens.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { languageSchema, spokenTextSchema, voiceSchema } from '#flows/nodes/shared.ts';
import { log } from '#runtime/log.ts';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import type { Route } from './+types/prompt-preview';

const previewRequestSchema = z.object({ text: spokenTextSchema, language: languageSchema, voice: voiceSchema });

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function loader() {
  return problem(405, 'Send a POST with {"text", "language", "voice"} to hear a prompt.');
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST.');
  await requireRole(request, context, 'editor');
  const body: unknown = await request.json().catch(() => undefined);
  const parsed = previewRequestSchema.safeParse(body);
  const t = requestTranslator(request, context);
  if (!parsed.success) {
    // The flow language's messages may be catalogue keys (app/i18n/translate-message.ts).
    return problem(
      400,
      parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'body'}: ${translateMessage(t, issue.message)}`)
        .join('; '),
    );
  }
  const { text, language, voice } = parsed.data;
  try {
    const file = await context.services.prompts.ensure({ text, language, ...(voice ? { voice } : {}) });
    const wav = await readFile(file.path);
    return new Response(new Uint8Array(wav), {
      headers: {
        'Content-Type': 'audio/wav',
        'Content-Length': String(wav.byteLength),
        // Content-addressed: the same text and voice always render the same file.
        'Cache-Control': 'private, max-age=3600',
        'X-Prompt-Hash': file.hash,
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Prompt preview failed: ${message}`);
    return problem(502, t('editor:listen.renderFailed', { message }));
  }
}
