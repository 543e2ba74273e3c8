import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppLoadContext } from 'react-router';
import { openDatabase, type SwitchboardDb } from '#db/client.ts';
import { createFlow, getFlow, listVersions } from '#db/flows.ts';
import { emptyFlowDocument, type FlowDocument } from '#flows/document.ts';
import { PromptStore } from '#runtime/tts/prompt-store.ts';
import type { TtsProvider } from '#runtime/tts/tts-provider.ts';
import { runEditorRequest } from './flow-editor.server.ts';

// A voice that must not be needed: these flows speak no sentence, so publishing renders nothing.
const silentProvider = {
  id: 'espeak',
  render: () => Promise.reject(new Error('no prompt should be rendered in these tests')),
} as unknown as TtsProvider;

function reachableHangup(name: string): FlowDocument {
  const document = emptyFlowDocument(name);
  return {
    ...document,
    nodes: [...document.nodes, { id: 'hangup-1', type: 'hangup', position: { x: 300, y: 0 }, data: {} }],
    edges: [{ id: 'start-next', source: 'start', sourceBranch: 'next', target: 'hangup-1' }],
  };
}

describe('the editor action', () => {
  let db: SwitchboardDb;
  let dir: string;
  let context: Pick<AppLoadContext, 'services'>;
  let flowId: string;

  beforeEach(() => {
    db = openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'editor-action-'));
    const prompts = new PromptStore({ dir, provider: silentProvider });
    context = { services: { db, prompts, asterisk: () => ({ state: 'not-configured', message: '', since: 0 }) } };
    flowId = createFlow(db, { document: emptyFlowDocument('Reception'), author: 'alice' }).flowId;
  });
  afterEach(() => {
    db.sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const revisionNow = () => getFlow(db, flowId)!.revision;

  it('saves a draft from the revision it started from and answers the new revision', async () => {
    const revision = revisionNow();
    const document = { ...emptyFlowDocument('Reception'), description: 'edited' };
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'save', document, revision },
    });
    expect(result.data).toEqual({ intent: 'save', ok: true, revision: revision + 1 });
    expect(getFlow(db, flowId)!.draft.description).toBe('edited');
    expect(getFlow(db, flowId)!.updatedBy).toBe('bob');
  });

  it('refuses a save from a stale revision with 409, writing nothing', async () => {
    const revision = revisionNow();
    await runEditorRequest(context, {
      flowId,
      author: 'alice',
      body: { intent: 'save', document: { ...emptyFlowDocument('Reception'), description: 'first' }, revision },
    });
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'save', document: { ...emptyFlowDocument('Reception'), description: 'second' }, revision },
    });
    expect(result.init?.status).toBe(409);
    expect(result.data).toMatchObject({ intent: 'save', ok: false, reason: 'conflict', currentRevision: revision + 1 });
    expect(getFlow(db, flowId)!.draft.description).toBe('first');
  });

  it('answers 422 for a document that is not shaped like a flow', async () => {
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'save', document: { ...emptyFlowDocument('x'), name: '' }, revision: revisionNow() },
    });
    expect(result.init?.status).toBe(422);
    expect(result.data).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('answers 400 for a request it does not understand', async () => {
    const result = await runEditorRequest(context, { flowId, author: 'bob', body: { intent: 'delete-everything' } });
    expect(result.init?.status).toBe(400);
    expect(result.data).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses to publish a flow with errors, and says which', async () => {
    // The empty flow's Start is not connected: an error.
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'publish', revision: revisionNow() },
    });
    expect(result.init?.status).toBe(422);
    expect(result.data).toMatchObject({ intent: 'publish', ok: false, reason: 'refused' });
    const diagnostics = (result.data as { diagnostics: { code: string }[] }).diagnostics;
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('branch-unconnected');
    expect(listVersions(db, flowId)).toEqual([]);
  });

  it('publishes the saved draft with the comment and answers the version number', async () => {
    const saved = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'save', document: reachableHangup('Reception'), revision: revisionNow() },
    });
    expect(saved.data).toMatchObject({ ok: true });
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'publish', revision: revisionNow(), comment: 'First version' },
    });
    expect(result.data).toEqual({ intent: 'publish', ok: true, versionNumber: 1, promptsRendered: 0 });
    expect(listVersions(db, flowId).map((version) => [version.number, version.author, version.comment])).toEqual([
      [1, 'bob', 'First version'],
    ]);
  });

  it('refuses to publish when the stored draft is not the revision on screen', async () => {
    const result = await runEditorRequest(context, {
      flowId,
      author: 'bob',
      body: { intent: 'publish', revision: revisionNow() + 5 },
    });
    expect(result.init?.status).toBe(409);
    expect(result.data).toMatchObject({ ok: false, reason: 'conflict' });
  });
});
