import { and, asc, desc, eq, isNull, max, ne, sql } from 'drizzle-orm';
import { flowDocumentSchema, type FlowDocument, type TypedFlowDocument } from '#flows/document.ts';
import type { SwitchboardDb, SwitchboardQueries } from './client.ts';
import {
  FlowArchivedError,
  FlowInUseError,
  FlowNotFoundError,
  InvalidFlowDocumentError,
  NumberClaimedError,
  StaleRevisionError,
  VersionNotFoundError,
} from './errors.ts';
import { newId } from './ids.ts';
import { calls, flowVersions, flows, numberBindings } from './schema.ts';

// Flows, their drafts and their published versions. Storage checks a document's SHAPE only (flowDocumentSchema);
// judging its content is flows/validate.ts, called by the publish service before publishVersion.

export interface PublishedVersionInfo {
  id: string;
  number: number;
  publishedAt: number;
  author: string;
}

export interface FlowRecord {
  id: string;
  name: string;
  description: string;
  /** The numbers the draft asks for. */
  numbers: string[];
  /** The numbers that reach this flow's published version right now. */
  boundNumbers: string[];
  draft: FlowDocument;
  revision: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  archivedAt: number | null;
  /** The current (latest) published version, or null when never published. */
  publishedVersion: PublishedVersionInfo | null;
}

export type FlowSummary = Omit<FlowRecord, 'draft' | 'publishedVersion' | 'createdBy'> & {
  publishedVersionNumber: number | null;
};

export interface VersionSummary {
  id: string;
  flowId: string;
  number: number;
  author: string;
  comment: string;
  publishedAt: number;
  sourceRevision: number | null;
  revertedFrom: number | null;
}

export interface VersionRecord extends VersionSummary {
  document: FlowDocument;
}

interface Clock {
  /** Milliseconds since the epoch; tests pass a fixed value. */
  now?: number;
}

export function parseFlowDocument(input: unknown): FlowDocument {
  const result = flowDocumentSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidFlowDocumentError(
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

function uniqueNumbers(document: FlowDocument): string[] {
  return [...new Set(document.numbers)];
}

export function createFlow(
  db: SwitchboardDb,
  input: { document: unknown; author: string } & Clock,
): { flowId: string; revision: number } {
  const document = parseFlowDocument(input.document);
  const now = input.now ?? Date.now();
  const flowId = newId('flw');
  db.orm
    .insert(flows)
    .values({
      id: flowId,
      name: document.name,
      description: document.description,
      draft: document,
      draftNumbers: uniqueNumbers(document),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: input.author,
      updatedBy: input.author,
    })
    .run();
  return { flowId, revision: 1 };
}

export function getFlow(db: SwitchboardDb, flowId: string): FlowRecord | null {
  const row = db.orm.select().from(flows).where(eq(flows.id, flowId)).get();
  if (!row) return null;
  const latest = db.orm
    .select({
      id: flowVersions.id,
      number: flowVersions.number,
      publishedAt: flowVersions.publishedAt,
      author: flowVersions.author,
    })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.number))
    .limit(1)
    .get();
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    numbers: row.draftNumbers,
    boundNumbers: boundNumbersOf(db.orm, flowId),
    draft: row.draft,
    revision: row.revision,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    archivedAt: row.archivedAt,
    publishedVersion: latest ?? null,
  };
}

/** Flows for the list page, most recently changed first. Archived flows only when asked for. */
export function listFlows(db: SwitchboardDb, options: { includeArchived?: boolean } = {}): FlowSummary[] {
  const rows = db.orm
    .select({
      id: flows.id,
      name: flows.name,
      description: flows.description,
      numbers: flows.draftNumbers,
      revision: flows.revision,
      createdAt: flows.createdAt,
      updatedAt: flows.updatedAt,
      updatedBy: flows.updatedBy,
      archivedAt: flows.archivedAt,
    })
    .from(flows)
    .where(options.includeArchived ? undefined : isNull(flows.archivedAt))
    .orderBy(desc(flows.updatedAt))
    .all();
  const latestVersion = new Map(
    db.orm
      .select({ flowId: flowVersions.flowId, number: max(flowVersions.number) })
      .from(flowVersions)
      .groupBy(flowVersions.flowId)
      .all()
      .map((row) => [row.flowId, row.number]),
  );
  const bound = new Map<string, string[]>();
  for (const binding of db.orm.select().from(numberBindings).orderBy(asc(numberBindings.number)).all()) {
    bound.set(binding.flowId, [...(bound.get(binding.flowId) ?? []), binding.number]);
  }
  return rows.map((row) => ({
    ...row,
    boundNumbers: bound.get(row.id) ?? [],
    publishedVersionNumber: latestVersion.get(row.id) ?? null,
  }));
}

/**
 * Replaces the draft, provided nobody saved since `expectedRevision`. The revision check and the write are one
 * UPDATE, so two racing saves cannot both win, even from two processes.
 */
export function saveDraft(
  db: SwitchboardDb,
  input: { flowId: string; document: unknown; expectedRevision: number; author: string } & Clock,
): { revision: number } {
  const document = parseFlowDocument(input.document);
  const result = db.orm
    .update(flows)
    .set({
      name: document.name,
      description: document.description,
      draft: document,
      draftNumbers: uniqueNumbers(document),
      revision: sql`${flows.revision} + 1`,
      updatedAt: input.now ?? Date.now(),
      updatedBy: input.author,
    })
    .where(and(eq(flows.id, input.flowId), eq(flows.revision, input.expectedRevision), isNull(flows.archivedAt)))
    .run();
  if (result.changes === 1) return { revision: input.expectedRevision + 1 };

  const current = db.orm
    .select({ name: flows.name, revision: flows.revision, archivedAt: flows.archivedAt })
    .from(flows)
    .where(eq(flows.id, input.flowId))
    .get();
  if (!current) throw new FlowNotFoundError(input.flowId);
  if (current.archivedAt !== null) throw new FlowArchivedError(input.flowId, current.name);
  throw new StaleRevisionError(input.flowId, input.expectedRevision, current.revision);
}

export interface PublishInput extends Clock {
  flowId: string;
  /** Already validated by the caller (flows/validate.ts). */
  document: TypedFlowDocument | FlowDocument;
  author: string;
  comment?: string;
  /** The draft revision the document came from. */
  sourceRevision?: number | null;
  /** When re-publishing an older version: its number. */
  revertedFrom?: number | null;
}

/**
 * Stores the document as the flow's next version and points the document's numbers at it, all in one transaction:
 * the flow's previous bindings are dropped and its numbers claimed again. A number held by ANOTHER flow aborts the
 * whole publish with NumberClaimedError; nothing is written.
 */
export function publishVersion(db: SwitchboardDb, input: PublishInput): { versionId: string; versionNumber: number } {
  const document = parseFlowDocument(input.document);
  return db.orm.transaction((tx) => publishInTransaction(tx, input, document), { behavior: 'immediate' });
}

function publishInTransaction(
  tx: SwitchboardQueries,
  input: PublishInput,
  document: FlowDocument,
): { versionId: string; versionNumber: number } {
  requireActiveFlow(tx, input.flowId);
  const now = input.now ?? Date.now();
  const last = tx
    .select({ number: max(flowVersions.number) })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, input.flowId))
    .get();
  const versionNumber = (last?.number ?? 0) + 1;
  const versionId = newId('ver');
  tx.insert(flowVersions)
    .values({
      id: versionId,
      flowId: input.flowId,
      number: versionNumber,
      document,
      author: input.author,
      comment: input.comment ?? '',
      publishedAt: now,
      sourceRevision: input.sourceRevision ?? null,
      revertedFrom: input.revertedFrom ?? null,
    })
    .run();

  tx.delete(numberBindings).where(eq(numberBindings.flowId, input.flowId)).run();
  for (const number of uniqueNumbers(document)) {
    const holder = tx
      .select({ flowId: flows.id, name: flows.name })
      .from(numberBindings)
      .innerJoin(flows, eq(flows.id, numberBindings.flowId))
      .where(eq(numberBindings.number, number))
      .get();
    // Throwing inside the transaction rolls back the version and the dropped bindings too.
    if (holder) throw new NumberClaimedError(number, holder.name, holder.flowId);
    tx.insert(numberBindings).values({ number, flowId: input.flowId, versionId, boundAt: now }).run();
  }
  return { versionId, versionNumber };
}

function requireActiveFlow(queries: SwitchboardQueries, flowId: string): { name: string; revision: number } {
  const flow = queries
    .select({ name: flows.name, revision: flows.revision, archivedAt: flows.archivedAt })
    .from(flows)
    .where(eq(flows.id, flowId))
    .get();
  if (!flow) throw new FlowNotFoundError(flowId);
  if (flow.archivedAt !== null) throw new FlowArchivedError(flowId, flow.name);
  return flow;
}

/**
 * Publishes an old version's document again, as a new version number, and makes it the draft (revision + 1), so
 * the editor shows what now runs. An editor still holding the previous revision gets a StaleRevisionError on save.
 */
export function revertToVersion(
  db: SwitchboardDb,
  input: { flowId: string; versionNumber: number; author: string; comment?: string } & Clock,
): { versionId: string; versionNumber: number; revision: number } {
  return db.orm.transaction(
    (tx) => {
      const flow = requireActiveFlow(tx, input.flowId);
      const old = tx
        .select({ document: flowVersions.document })
        .from(flowVersions)
        .where(and(eq(flowVersions.flowId, input.flowId), eq(flowVersions.number, input.versionNumber)))
        .get();
      if (!old) throw new VersionNotFoundError(input.flowId, input.versionNumber);
      const now = input.now ?? Date.now();
      const revision = flow.revision + 1;
      tx.update(flows)
        .set({
          name: old.document.name,
          description: old.document.description,
          draft: old.document,
          draftNumbers: uniqueNumbers(old.document),
          revision,
          updatedAt: now,
          updatedBy: input.author,
        })
        .where(eq(flows.id, input.flowId))
        .run();
      const published = publishInTransaction(
        tx,
        {
          flowId: input.flowId,
          document: old.document,
          author: input.author,
          comment: input.comment ?? `Back to version ${input.versionNumber}`,
          sourceRevision: revision,
          revertedFrom: input.versionNumber,
          now,
        },
        old.document,
      );
      return { ...published, revision };
    },
    { behavior: 'immediate' },
  );
}

const versionSummaryColumns = {
  id: flowVersions.id,
  flowId: flowVersions.flowId,
  number: flowVersions.number,
  author: flowVersions.author,
  comment: flowVersions.comment,
  publishedAt: flowVersions.publishedAt,
  sourceRevision: flowVersions.sourceRevision,
  revertedFrom: flowVersions.revertedFrom,
};

/** A flow's versions, newest first, without their documents. */
export function listVersions(db: SwitchboardDb, flowId: string): VersionSummary[] {
  return db.orm
    .select(versionSummaryColumns)
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.number))
    .all();
}

export function getVersion(db: SwitchboardDb, flowId: string, versionNumber: number): VersionRecord | null {
  return (
    db.orm
      .select({ ...versionSummaryColumns, document: flowVersions.document })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.number, versionNumber)))
      .get() ?? null
  );
}

/** Numbers bound to flows other than `exceptFlowId`, with the name of the flow holding each (for the validator). */
export function claimedNumbers(db: SwitchboardDb, exceptFlowId?: string): Map<string, string> {
  const rows = db.orm
    .select({ number: numberBindings.number, flowName: flows.name })
    .from(numberBindings)
    .innerJoin(flows, eq(flows.id, numberBindings.flowId))
    .where(exceptFlowId === undefined ? undefined : ne(numberBindings.flowId, exceptFlowId))
    .orderBy(asc(numberBindings.number))
    .all();
  return new Map(rows.map((row) => [row.number, row.flowName]));
}

function boundNumbersOf(queries: SwitchboardQueries, flowId: string): string[] {
  return queries
    .select({ number: numberBindings.number })
    .from(numberBindings)
    .where(eq(numberBindings.flowId, flowId))
    .orderBy(asc(numberBindings.number))
    .all()
    .map((row) => row.number);
}

/** Takes a flow out of service: its numbers stop reaching it (callers hear "not in service"). */
export function unbindNumbers(db: SwitchboardDb, flowId: string): string[] {
  return db.orm.transaction(
    (tx) => {
      const numbers = boundNumbersOf(tx, flowId);
      tx.delete(numberBindings).where(eq(numberBindings.flowId, flowId)).run();
      return numbers;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Hides a flow from the list. Refused while a number reaches it or a call is running in it: archiving must never
 * change what a caller hears. Its versions stay, so call history keeps pointing at them.
 */
export function archiveFlow(db: SwitchboardDb, flowId: string, clock: Clock = {}): void {
  db.orm.transaction(
    (tx) => {
      const flow = tx
        .select({ name: flows.name, archivedAt: flows.archivedAt })
        .from(flows)
        .where(eq(flows.id, flowId))
        .get();
      if (!flow) throw new FlowNotFoundError(flowId);
      if (flow.archivedAt !== null) return;
      const bound = boundNumbersOf(tx, flowId);
      const running = tx
        .select({ count: sql<number>`count(*)` })
        .from(calls)
        .where(and(eq(calls.flowId, flowId), isNull(calls.endedAt)))
        .get();
      const runningCalls = running?.count ?? 0;
      if (bound.length > 0 || runningCalls > 0) throw new FlowInUseError(flowId, flow.name, bound, runningCalls);
      tx.update(flows)
        .set({ archivedAt: clock.now ?? Date.now() })
        .where(eq(flows.id, flowId))
        .run();
    },
    { behavior: 'immediate' },
  );
}

export function restoreFlow(db: SwitchboardDb, flowId: string): void {
  const result = db.orm.update(flows).set({ archivedAt: null }).where(eq(flows.id, flowId)).run();
  if (result.changes === 0) throw new FlowNotFoundError(flowId);
}

/**
 * A new flow whose draft is a copy of this one's, under a new name. The copy asks for no numbers: they belong to
 * the original, and a copy claiming them could never be published.
 */
export function duplicateFlow(
  db: SwitchboardDb,
  flowId: string,
  newName: string,
  author: string,
  clock: Clock = {},
): { flowId: string; revision: number } {
  const source = db.orm.select({ draft: flows.draft }).from(flows).where(eq(flows.id, flowId)).get();
  if (!source) throw new FlowNotFoundError(flowId);
  return createFlow(db, { document: { ...source.draft, name: newName, numbers: [] }, author, ...clock });
}
