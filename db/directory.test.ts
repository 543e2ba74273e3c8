import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { typedFlowDocumentSchema, type FlowDocument } from '#flows/document.ts';
import type { SwitchboardDb } from './client.ts';
import { createFlowDirectory, createPeopleDirectory, StoredVersionUnreadableError } from './directory.ts';
import { archiveFlow, createFlow, publishVersion, unbindNumbers } from './flows.ts';
import { seedPeople } from './seed.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

const ivr = JSON.parse(
  readFileSync(new URL('../flows/examples/ivr-6003.json', import.meta.url), 'utf8'),
) as FlowDocument;

let temp: TempDatabase;
let db: SwitchboardDb;
beforeEach(() => {
  temp = openTempDatabase();
  db = temp.db;
});
afterEach(() => temp.dispose());

describe('createFlowDirectory', () => {
  it('answers a bound number with the version bound to it, typed', () => {
    // GIVEN the seed brief's menu published on 6003
    const { flowId } = createFlow(db, { document: ivr, author: 'a' });
    const { versionId } = publishVersion(db, { flowId, document: ivr, author: 'a' });
    const directory = createFlowDirectory(db);

    // THEN a call to 6003 finds it, and 6999 finds nothing
    const published = directory.publishedFlowForNumber('6003');
    expect(published).toMatchObject({ flowId, flowName: ivr.name, versionId, versionNumber: 1 });
    expect(published?.document).toStrictEqual(typedFlowDocumentSchema.parse(ivr));
    expect(directory.publishedFlowForNumber('6999')).toBeNull();
  });

  it('follows republishing and unbinding at once, without restarting', () => {
    const { flowId } = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' });
    const directory = createFlowDirectory(db);
    publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' });
    expect(directory.publishedFlowForNumber('6003')?.versionNumber).toBe(1);

    publishVersion(db, { flowId, document: frenchFlow('Accueil v2', ['6003']), author: 'a' });
    expect(directory.publishedFlowForNumber('6003')).toMatchObject({ versionNumber: 2 });
    expect(directory.publishedFlowForNumber('6003')?.document.name).toBe('Accueil v2');

    unbindNumbers(db, flowId);
    expect(directory.publishedFlowForNumber('6003')).toBeNull();
    // still reachable by id (a goto from another flow)
    expect(directory.publishedFlowById(flowId)?.versionNumber).toBe(2);
  });

  it('parses a version document once, however many calls use it', () => {
    const { flowId } = createFlow(db, { document: frenchFlow(), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow(), author: 'a' });
    const directory = createFlowDirectory(db);
    const parse = vi.spyOn(typedFlowDocumentSchema, 'safeParse');
    try {
      const first = directory.publishedFlowForNumber('6003');
      for (let call = 0; call < 50; call++) directory.publishedFlowForNumber('6003');
      expect(directory.publishedFlowById(flowId)?.document).toBe(first?.document);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('gives the latest version by flow id, and nothing for unknown, unpublished or archived flows', () => {
    const directory = createFlowDirectory(db);
    const { flowId } = createFlow(db, { document: frenchFlow('A', []), author: 'a' });
    expect(directory.publishedFlowById(flowId)).toBeNull();
    publishVersion(db, { flowId, document: frenchFlow('A', []), author: 'a' });
    publishVersion(db, { flowId, document: frenchFlow('A2', []), author: 'a' });
    expect(directory.publishedFlowById(flowId)).toMatchObject({ versionNumber: 2, flowName: 'A' });
    archiveFlow(db, flowId);
    expect(directory.publishedFlowById(flowId)).toBeNull();
    expect(directory.publishedFlowById('flw_nope')).toBeNull();
  });

  it('says which version no longer reads as a flow rather than handing the runtime a broken document', () => {
    // A draft-shaped document (unknown node type) published by a caller that skipped validation.
    const broken = { ...frenchFlow(), nodes: [{ id: 'x', type: 'teleport', position: { x: 0, y: 0 }, data: {} }] };
    const { flowId } = createFlow(db, { document: broken, author: 'a' });
    const { versionId } = publishVersion(db, { flowId, document: broken, author: 'a' });
    const directory = createFlowDirectory(db);
    expect(() => directory.publishedFlowForNumber('6003')).toThrow(StoredVersionUnreadableError);
    expect(() => directory.publishedFlowForNumber('6003')).toThrow(versionId);
  });
});

describe('createPeopleDirectory', () => {
  it('finds the seed people by user name and extension', async () => {
    await seedPeople(db);
    const people = createPeopleDirectory(db);
    expect(people.personByUsername('julien')).toEqual({ username: 'julien', extension: '6004', displayName: 'Julien' });
    expect(people.personByExtension('6002')).toEqual({ username: 'bob', extension: '6002', displayName: 'Bob' });
    expect(people.personByUsername('mallory')).toBeNull();
    expect(people.personByExtension('6999')).toBeNull();
  });
});
