import { z } from 'zod';
import type { Diagnostic } from '#flows/validate.ts';

// What the editor page sends to its route action and gets back. Shared by both sides so they cannot drift apart.

export const editorRequestSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save'),
    /** Checked for shape by db/flows.ts; its content is judged by validation, never refused on save. */
    document: z.unknown(),
    /** The revision this edit started from: a save over someone else's newer draft is refused. */
    revision: z.number().int().min(1),
  }),
  z.object({
    intent: z.literal('publish'),
    comment: z.string().max(500, 'editor:errors.commentTooLong').default(''),
    /** The draft revision the user sees: publishing refuses if the stored draft is another one. */
    revision: z.number().int().min(1),
  }),
]);
export type EditorRequest = z.input<typeof editorRequestSchema>;

export type SaveResponse =
  | { intent: 'save'; ok: true; revision: number }
  | { intent: 'save'; ok: false; reason: 'conflict'; message: string; currentRevision: number }
  | { intent: 'save'; ok: false; reason: 'invalid' | 'failed'; message: string };

export type PublishResponse =
  | { intent: 'publish'; ok: true; versionNumber: number; promptsRendered: number }
  | {
      intent: 'publish';
      ok: false;
      reason: 'conflict' | 'refused' | 'failed';
      message: string;
      diagnostics?: Diagnostic[];
    };

export type EditorResponse =
  SaveResponse | PublishResponse | { intent: 'unknown'; ok: false; reason: 'invalid'; message: string };
