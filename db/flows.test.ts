import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '#flows/document.ts';
import { generateLargeFlow } from '#flows/testing/documents.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import { createCallRecorder } from './calls.ts';
import {
  FlowArchivedError,
  FlowInUseError,
  FlowNotFoundError,
  InvalidFlowDocumentError,
  NumberClaimedError,
  StaleRevisionError,
  VersionNotFoundError,
} from './errors.ts';
import * as flowStore from './flows.ts';
import {
  archiveFlow,
  claimedNumbers,
  createFlow,
  duplicateFlow,
  getFlow,
  getVersion,
  listFlows,
  listVersions,
  publishVersion,
  restoreFlow,
  revertToVersion,
  saveDraft,
  unbindNumbers,
} from './flows.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

const examplesFolder = new URL('../flows/examples/', import.meta.url);
const examples: [string, FlowDocument][] = readdirSync(examplesFolder)
  .filter((file) => file.endsWith('.json'))
  .sort()
  // The files as written, not as zod normalises them: what goes in must come out, whatever the schema fills in.
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, examplesFolder), 'utf8')) as FlowDocument]);

function withNumbers(document: FlowDocument, numbers: string[], name = document.name): FlowDocument {
  return { ...document, name, numbers };
}

let temp: TempDatabase;
let db: SwitchboardDb;
beforeEach(() => {
  temp = openTempDatabase();
  db = temp.db;
});
afterEach(() => temp.dispose());

describe('round trip', () => {
  it.each([['generated French flow', frenchFlow()] as [string, FlowDocument], ...examples])(
    '%s comes back from draft and version exactly as stored',
    (_name, document) => {
      const { flowId } = createFlow(db, { document, author: 'alice' });
      expect(getFlow(db, flowId)?.draft).toStrictEqual(document);

      const { versionNumber } = publishVersion(db, { flowId, document, author: 'alice' });
      expect(getVersion(db, flowId, versionNumber)?.document).toStrictEqual(document);

      // and survives closing and reopening the file
      closeDatabase(db);
      db = temp.db = openDatabase(temp.db.file);
      expect(getFlow(db, flowId)?.draft).toStrictEqual(document);
      expect(getVersion(db, flowId, versionNumber)?.document).toStrictEqual(document);
    },
  );

  it('stores unicode text byte for byte', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'élodie' });
    const flow = getFlow(db, flowId);
    expect(flow?.name).toBe('Accueil — Société Générale d’Électricité');
    expect(flow?.description).toContain('📞 ça marche ! ñ ü ß 你好');
    expect(flow?.createdBy).toBe('élodie');
  });
});

describe('createFlow / getFlow / listFlows', () => {
  it('creates a flow at revision 1 with no published version', () => {
    const result = createFlow(db, { document: frenchFlow(), author: 'alice', now: 1000 });
    expect(result.revision).toBe(1);
    expect(result.flowId).toMatch(/^flw_[0-9a-z]+$/);
    expect(getFlow(db, result.flowId)).toMatchObject({
      id: result.flowId,
      numbers: ['6003'],
      boundNumbers: [],
      revision: 1,
      createdAt: 1000,
      updatedAt: 1000,
      createdBy: 'alice',
      archivedAt: null,
      publishedVersion: null,
    });
  });

  it('returns null for an unknown flow', () => {
    expect(getFlow(db, 'flw_nope')).toBeNull();
  });

  it('refuses something that is not a flow document, saying where', () => {
    expect(() => createFlow(db, { document: { format: 1, name: '' }, author: 'alice' })).toThrow(
      InvalidFlowDocumentError,
    );
    expect(() => createFlow(db, { document: { format: 1, name: '' }, author: 'alice' })).toThrow(
      /name: Give the flow a name/,
    );
  });

  it('lists flows newest change first, with draft numbers, bound numbers and published version', () => {
    const older = createFlow(db, { document: frenchFlow('Older', ['7001']), author: 'a', now: 1 });
    const newer = createFlow(db, { document: frenchFlow('Newer', ['7002', '7003']), author: 'a', now: 2 });
    publishVersion(db, { flowId: newer.flowId, document: frenchFlow('Newer', ['7002', '7003']), author: 'a' });

    const list = listFlows(db);
    expect(list.map((flow) => flow.name)).toEqual(['Newer', 'Older']);
    expect(list[0]).toMatchObject({
      numbers: ['7002', '7003'],
      boundNumbers: ['7002', '7003'],
      publishedVersionNumber: 1,
    });
    expect(list[1]).toMatchObject({
      id: older.flowId,
      numbers: ['7001'],
      boundNumbers: [],
      publishedVersionNumber: null,
    });
    expect(list[0]).not.toHaveProperty('draft');
  });
});

describe('saveDraft', () => {
  it('bumps the revision and updates name, description and numbers from the document', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'alice' });
    const changed = { ...frenchFlow('Renamed', ['6010']), description: 'new' };
    expect(saveDraft(db, { flowId, document: changed, expectedRevision: 1, author: 'bob', now: 5 })).toEqual({
      revision: 2,
    });
    expect(getFlow(db, flowId)).toMatchObject({
      name: 'Renamed',
      description: 'new',
      numbers: ['6010'],
      revision: 2,
      updatedBy: 'bob',
      updatedAt: 5,
    });
  });

  it('refuses a stale revision and never overwrites the newer draft', () => {
    // GIVEN two editors who both opened revision 1
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'alice' });
    saveDraft(db, { flowId, document: frenchFlow('Alice wins'), expectedRevision: 1, author: 'alice' });

    // WHEN the second one saves from revision 1
    let error: unknown;
    try {
      saveDraft(db, { flowId, document: frenchFlow('Bob loses'), expectedRevision: 1, author: 'bob' });
    } catch (caught) {
      error = caught;
    }

    // THEN it is told which revisions clash, and the first save stays
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
    expect((error as Error).message).toMatch(/revision 1.*revision 2/);
    expect(getFlow(db, flowId)).toMatchObject({ name: 'Alice wins', revision: 2 });
  });

  it('lets only one of two saves from the same revision through, across two connections to the file', () => {
    const other = openDatabase(db.file);
    try {
      const { flowId } = createFlow(db, { document: frenchFlow(), author: 'alice' });
      saveDraft(other, { flowId, document: frenchFlow('From the runtime process'), expectedRevision: 1, author: 'x' });
      expect(() =>
        saveDraft(db, { flowId, document: frenchFlow('From the web'), expectedRevision: 1, author: 'y' }),
      ).toThrow(StaleRevisionError);
      expect(getFlow(db, flowId)?.name).toBe('From the runtime process');
    } finally {
      closeDatabase(other);
    }
  });

  it('says when the flow does not exist or is archived', () => {
    expect(() => saveDraft(db, { flowId: 'flw_x', document: frenchFlow(), expectedRevision: 1, author: 'a' })).toThrow(
      FlowNotFoundError,
    );
    const { flowId } = createFlow(db, { document: frenchFlow('Old', []), author: 'a' });
    archiveFlow(db, flowId);
    expect(() => saveDraft(db, { flowId, document: frenchFlow(), expectedRevision: 1, author: 'a' })).toThrow(
      FlowArchivedError,
    );
  });

  it('saves a 500-node draft in well under 50 ms', () => {
    const big = generateLargeFlow(500);
    const { flowId } = createFlow(db, { document: big, author: 'alice' });
    let revision = 1;
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const document = { ...big, description: `save ${i}` };
      const started = performance.now();
      revision = saveDraft(db, { flowId, document, expectedRevision: revision, author: 'alice' }).revision;
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)] ?? Infinity;
    expect(median).toBeLessThan(50);
    expect(getFlow(db, flowId)?.draft.nodes).toHaveLength(500);
  });
});

describe('publishVersion', () => {
  it('numbers versions 1, 2, 3 and binds the document numbers to the newest', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'alice' });
    const v1 = publishVersion(db, {
      flowId,
      document: frenchFlow('A', ['6003']),
      author: 'alice',
      comment: 'first',
      sourceRevision: 1,
      now: 10,
    });
    const v2 = publishVersion(db, { flowId, document: frenchFlow('A', ['6003', '6005']), author: 'bob', now: 20 });
    expect([v1.versionNumber, v2.versionNumber]).toEqual([1, 2]);
    expect(getFlow(db, flowId)?.boundNumbers).toEqual(['6003', '6005']);
    expect(getFlow(db, flowId)?.publishedVersion).toEqual({
      id: v2.versionId,
      number: 2,
      publishedAt: 20,
      author: 'bob',
    });
    expect(listVersions(db, flowId)).toEqual([
      {
        id: v2.versionId,
        flowId,
        number: 2,
        author: 'bob',
        comment: '',
        publishedAt: 20,
        sourceRevision: null,
        revertedFrom: null,
      },
      {
        id: v1.versionId,
        flowId,
        number: 1,
        author: 'alice',
        comment: 'first',
        publishedAt: 10,
        sourceRevision: 1,
        revertedFrom: null,
      },
    ]);
    const bindings = db.sqlite
      .prepare('SELECT number, version_id AS versionId FROM number_bindings ORDER BY number')
      .all();
    expect(bindings).toEqual([
      { number: '6003', versionId: v2.versionId },
      { number: '6005', versionId: v2.versionId },
    ]);
  });

  it('releases numbers the new version no longer asks for', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', ['6003', '6005']), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', ['6005']), author: 'a' });
    expect(getFlow(db, flowId)?.boundNumbers).toEqual(['6005']);
    expect(claimedNumbers(db).has('6003')).toBe(false);
  });

  it('refuses a number held by another flow and writes nothing at all', () => {
    // GIVEN "Accueil" answers 6003 with version 1
    const reception = createFlow(db, { document: frenchFlow('Accueil', ['6003']), author: 'a' });
    publishVersion(db, { flowId: reception.flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' });
    const sales = createFlow(db, { document: frenchFlow('Ventes', ['6010']), author: 'a' });
    const salesV1 = publishVersion(db, { flowId: sales.flowId, document: frenchFlow('Ventes', ['6010']), author: 'a' });

    // WHEN "Ventes" publishes a version asking for 6011 and 6003
    let error: unknown;
    try {
      publishVersion(db, { flowId: sales.flowId, document: frenchFlow('Ventes', ['6011', '6003']), author: 'a' });
    } catch (caught) {
      error = caught;
    }

    // THEN the error names the number and its flow, and Ventes still answers 6010 with version 1 only
    expect(error).toBeInstanceOf(NumberClaimedError);
    expect(error).toMatchObject({ number: '6003', flowName: 'Accueil', flowId: reception.flowId });
    expect((error as Error).message).toBe('The number 6003 already reaches the flow "Accueil"; remove it there first');
    expect(listVersions(db, sales.flowId).map((v) => v.number)).toEqual([1]);
    expect(getFlow(db, sales.flowId)?.boundNumbers).toEqual(['6010']);
    expect(db.sqlite.prepare(`SELECT version_id AS v FROM number_bindings WHERE number = '6010'`).get()).toEqual({
      v: salesV1.versionId,
    });
    expect(claimedNumbers(db).has('6011')).toBe(false);
  });

  it('refuses unknown and archived flows', () => {
    expect(() => publishVersion(db, { flowId: 'flw_x', document: frenchFlow(), author: 'a' })).toThrow(
      FlowNotFoundError,
    );
    const { flowId } = createFlow(db, { document: frenchFlow('Gone', []), author: 'a' });
    archiveFlow(db, flowId);
    expect(() => publishVersion(db, { flowId, document: frenchFlow('Gone', []), author: 'a' })).toThrow(
      FlowArchivedError,
    );
  });

  it('binds a number listed twice once', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', ['6003', '6003']), author: 'a' });
    expect(getFlow(db, flowId)?.boundNumbers).toEqual(['6003']);
  });
});

describe('revertToVersion', () => {
  it('publishes the old document as a new version and makes it the draft', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('V1', ['6003']), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('V1', ['6003']), author: 'a' });
    saveDraft(db, { flowId, document: frenchFlow('V2', ['6004']), expectedRevision: 1, author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('V2', ['6004']), author: 'a', sourceRevision: 2 });

    const result = revertToVersion(db, { flowId, versionNumber: 1, author: 'bob' });

    expect(result).toMatchObject({ versionNumber: 3, revision: 3 });
    const flow = getFlow(db, flowId);
    expect(flow?.draft).toStrictEqual(frenchFlow('V1', ['6003']));
    expect(flow).toMatchObject({ name: 'V1', revision: 3, boundNumbers: ['6003'], publishedVersion: { number: 3 } });
    expect(getVersion(db, flowId, 3)).toMatchObject({
      revertedFrom: 1,
      author: 'bob',
      comment: 'Back to version 1',
      sourceRevision: 3,
    });
    expect(getVersion(db, flowId, 3)?.document).toStrictEqual(getVersion(db, flowId, 1)?.document);
    // an editor still on revision 2 must reload
    expect(() => saveDraft(db, { flowId, document: frenchFlow('late'), expectedRevision: 2, author: 'a' })).toThrow(
      StaleRevisionError,
    );
  });

  it('says when the version does not exist, and changes nothing', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'a' });
    expect(() => revertToVersion(db, { flowId, versionNumber: 4, author: 'a' })).toThrow(VersionNotFoundError);
    expect(getFlow(db, flowId)?.revision).toBe(1);
  });

  it('rolls the draft back too when the old numbers are now someone else’s', () => {
    const a = createFlow(db, { document: frenchFlow('A', ['6003']), author: 'a' });
    publishVersion(db, { flowId: a.flowId, document: frenchFlow('A', ['6003']), author: 'a' });
    publishVersion(db, { flowId: a.flowId, document: frenchFlow('A', []), author: 'a' });
    const b = createFlow(db, { document: frenchFlow('B', ['6003']), author: 'a' });
    publishVersion(db, { flowId: b.flowId, document: frenchFlow('B', ['6003']), author: 'a' });

    expect(() => revertToVersion(db, { flowId: a.flowId, versionNumber: 1, author: 'a' })).toThrow(NumberClaimedError);
    expect(getFlow(db, a.flowId)).toMatchObject({ revision: 1, publishedVersion: { number: 2 } });
  });
});

describe('claimedNumbers', () => {
  it('maps every bound number to its flow name, leaving out the flow being edited', () => {
    const a = createFlow(db, { document: frenchFlow('Accueil', ['6003']), author: 'a' });
    publishVersion(db, { flowId: a.flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' });
    const b = createFlow(db, { document: frenchFlow('Conférence', ['7000']), author: 'a' });
    publishVersion(db, { flowId: b.flowId, document: frenchFlow('Conférence', ['7000']), author: 'a' });

    expect(claimedNumbers(db)).toEqual(
      new Map([
        ['6003', 'Accueil'],
        ['7000', 'Conférence'],
      ]),
    );
    expect(claimedNumbers(db, a.flowId)).toEqual(new Map([['7000', 'Conférence']]));
  });
});

describe('archiveFlow', () => {
  it('is refused while a number reaches the flow', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' });
    expect(() => archiveFlow(db, flowId)).toThrow(FlowInUseError);
    expect(() => archiveFlow(db, flowId)).toThrow('The flow "Accueil" cannot be archived: it still answers 6003');
  });

  it('is refused while a call runs in the flow, and allowed once it ended', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' });
    const { versionId } = publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' });
    const recorder = createCallRecorder(db);
    const callId = recorder.startCall({
      channelId: 'ch-1',
      dialledNumber: '6003',
      callerNumber: '6001',
      callerName: 'Alice',
      simulated: false,
      flowId,
      versionId,
      startedAt: 1,
    });
    expect(unbindNumbers(db, flowId)).toEqual(['6003']);
    expect(() => archiveFlow(db, flowId)).toThrow(/1 call\(s\) are running in it/);

    recorder.endCall(callId, 'completed', 2);
    archiveFlow(db, flowId, { now: 3 });
    expect(getFlow(db, flowId)?.archivedAt).toBe(3);
    expect(listFlows(db).map((f) => f.id)).not.toContain(flowId);
    expect(listFlows(db, { includeArchived: true }).map((f) => f.id)).toContain(flowId);
    // versions stay for the call history
    expect(listVersions(db, flowId)).toHaveLength(1);

    restoreFlow(db, flowId);
    expect(getFlow(db, flowId)?.archivedAt).toBeNull();
  });

  it('says when the flow does not exist', () => {
    expect(() => archiveFlow(db, 'flw_x')).toThrow(FlowNotFoundError);
  });
});

describe('duplicateFlow', () => {
  it('copies the draft under a new name, without the numbers', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('Accueil', ['6003']), author: 'a' });
    const copy = duplicateFlow(db, flowId, 'Accueil (copie)', 'bob');
    const flow = getFlow(db, copy.flowId);
    expect(flow?.draft).toStrictEqual({ ...frenchFlow('Accueil', ['6003']), name: 'Accueil (copie)', numbers: [] });
    expect(flow).toMatchObject({ revision: 1, createdBy: 'bob', publishedVersion: null });
    expect(() => duplicateFlow(db, 'flw_x', 'x', 'a')).toThrow(FlowNotFoundError);
  });
});

describe('versions are never changed by storage', () => {
  it('exports no function that updates or deletes versions', () => {
    const names = Object.keys(flowStore);
    expect(names.filter((name) => /(update|delete|remove|edit)Version/i.test(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['publishVersion', 'revertToVersion', 'listVersions', 'getVersion']));
  });

  it('leaves every stored version intact through a whole life cycle', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('A', ['6003']), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', ['6003']), author: 'a' });
    const snapshot = () => db.sqlite.prepare('SELECT * FROM flow_versions ORDER BY number').all();
    const before = snapshot();
    saveDraft(db, { flowId, document: withNumbers(frenchFlow(), []), expectedRevision: 1, author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', []), author: 'a' });
    revertToVersion(db, { flowId, versionNumber: 1, author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A', []), author: 'a' });
    archiveFlow(db, flowId);
    expect(snapshot().slice(0, 1)).toEqual(before);
    expect(snapshot()).toHaveLength(4);
  });
});
