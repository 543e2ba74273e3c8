// Adding, changing and removing a person of the phone directory, as one operation with its consequences:
// 1. the person's row (db/users.ts: SIP digest and PIN hash, never the clear secrets);
// 2. their personal flow (flows/templates/personal-flow.ts), created, published and bound to their extension, and kept
//    pointing at them when their extension or user name changes;
// 3. their SIP accounts in the running Asterisk (their phone, "bob", and their browser device, "bob~web"), pushed
//    over ARI when the app has ARI settings.
// The web page (app/routes/people.tsx) and the CLI (switchboard users ...) both go through here.
//
// The directory is the source of truth. An Asterisk that cannot be reached does not undo a change: the result says
// so, and the next ARI connection of the app or the runtime (syncPeopleToAsterisk) catches up.
import type { SwitchboardDb } from '#db/client.ts';
import { FlowInUseError, InvalidUserInputError, UserNotFoundError } from '#db/errors.ts';
import { inputProblem, type InputProblem } from '#db/input-problem.ts';
import { archiveFlow, claimedNumbers, createFlow, getFlow, saveDraft, unbindNumbers } from '#db/flows.ts';
import { flowIdBoundToNumber } from '#db/number-owner.ts';
import { loadSipAccounts } from '#db/sip-accounts.ts';
import {
  createUser,
  deleteUser,
  getUserByExtension,
  getUserById,
  getUserByUsername,
  listUsers,
  problemsOfNewUser,
  problemsOfUserPatch,
  updateUser,
  type CreateUserInput,
  type UpdateUserInput,
  type UserRecord,
} from '#db/users.ts';
import { isNodeType, nodeDefinition, type NodeInputMap, type NodeType } from '#flows/catalogue.ts';
import type { FlowDocument } from '#flows/document.ts';
import type { DirectoryReference } from '#flows/node-definition.ts';
import { personalFlowDocument, personalFlowName } from '#flows/templates/personal-flow.ts';
import type { AccountProvisioning, SipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { browserDeviceName, personOfDevice } from '#provisioning/asterisk/browser-device.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import {
  DEMO_SECRETS,
  generatePin,
  generateSipSecret,
  pinProblems,
  sipSecretProblems,
  type PolicyProblem,
} from './secret-policy.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

export interface PeopleServiceDeps {
  db: SwitchboardDb;
  prompts: PromptStore;
  /** null without ARI settings: accounts then reach Asterisk when Switchboard next connects (start-up sync). */
  provisioner: SipAccountProvisioner | null;
  /** Who makes the change (a staff user name, or "cli"): recorded as the author of flow versions. */
  author: string;
}

/** What became of the person's SIP account in Asterisk. */
export type AsteriskOutcome = { kind: 'not-configured' } | AccountProvisioning;

/** What became of the person's personal flow. */
export type FlowOutcome =
  | { kind: 'published'; flowId: string; name: string; versionNumber: number }
  | { kind: 'unchanged'; flowId: string | null }
  /** Removal: the flow stopped answering the extension and was archived (its versions stay for call history). */
  | { kind: 'archived'; flowId: string; name: string }
  /** Removal while a call runs in it: taken out of service, archived later by hand. */
  | { kind: 'unbound'; flowId: string; name: string }
  /** The person is saved, but the flow could not be published (e.g. prompt rendering failed). */
  | { kind: 'not-published'; flowId: string | null; reason: string };

export interface PersonChange {
  person: UserRecord;
  flow: FlowOutcome;
  asterisk: AsteriskOutcome;
}

function usernameProblems(db: SwitchboardDb, username: string, personId: string | null = null): PolicyProblem[] {
  const person = getUserByUsername(db, username);
  return person && person.id !== personId
    ? [
        {
          key: 'people:errors.usernameUsedBy',
          values: { username, name: person.displayName, extension: person.extension },
        },
      ]
    : [];
}

/** The extension must not be the number of a flow, except the person's own flow when they keep or move it. */
function extensionProblems(
  db: SwitchboardDb,
  extension: string,
  ownFlowId: string | null,
  personId: string | null = null,
): PolicyProblem[] {
  const person = getUserByExtension(db, extension);
  if (person && person.id !== personId) {
    return [
      {
        key: 'people:errors.extensionOfPerson',
        values: { extension, name: person.displayName, username: person.username },
      },
    ];
  }
  const holderId = flowIdBoundToNumber(db, extension);
  if (holderId === null || holderId === ownFlowId) return [];
  const holder = claimedNumbers(db).get(extension);
  return [{ key: 'people:errors.extensionOfFlow', values: { extension, flow: holder ?? holderId } }];
}

/**
 * Throws one InvalidUserInputError with the policy problems and the format problems together, one message per field.
 * The policy's first: it is the stricter rule ("at least 8 characters" rather than the database's floor of 6).
 */
function refuseIfAny(formatProblems: InputProblem[], policy: { field: string; messages: PolicyProblem[] }[]): void {
  const all = [
    ...policy.flatMap(({ field, messages }) => messages.map(({ key, values }) => inputProblem(field, key, values))),
    ...formatProblems,
  ];
  const seen = new Set<string>();
  const firstPerField = all.filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
  if (firstPerField.length > 0) throw new InvalidUserInputError(firstPerField);
}

/**
 * One outcome for the person's two accounts (phone and browser device): the worst of them. A failure first, then an
 * account pjsip.conf holds differently, then one it holds as it should; else applied, else absent.
 */
export function combinedOutcome(outcomes: AccountProvisioning[]): AccountProvisioning {
  const rank = (outcome: AccountProvisioning) => {
    if (outcome.kind === 'failed') return 0;
    if (outcome.kind === 'in-pjsip-conf') return outcome.upToDate ? 2 : 1;
    return outcome.kind === 'applied' ? 3 : 4;
  };
  return [...outcomes].sort((a, b) => rank(a) - rank(b))[0] ?? { kind: 'absent' };
}

/** Pushes the person's phone and browser device (in this order). */
async function pushAccount(deps: PeopleServiceDeps, username: string): Promise<AsteriskOutcome> {
  if (!deps.provisioner) return { kind: 'not-configured' };
  const accounts = loadSipAccounts(deps.db).filter((candidate) => personOfDevice(candidate.username) === username);
  // Said in English: Asterisk's own failures, which share this outcome, come in English too.
  if (accounts.length === 0) return { kind: 'failed', message: `No SIP account "${username}" in the directory` };
  const outcomes: AccountProvisioning[] = [];
  for (const account of accounts) outcomes.push(await deps.provisioner.applyAccount(account));
  return combinedOutcome(outcomes);
}

/** Removes the phone and the browser device of user name `username` from Asterisk. */
async function removeAccounts(provisioner: SipAccountProvisioner, username: string): Promise<AccountProvisioning> {
  const outcomes: AccountProvisioning[] = [];
  for (const name of [username, browserDeviceName(username)]) outcomes.push(await provisioner.removeAccount(name));
  return combinedOutcome(outcomes);
}

async function publishPersonalFlow(deps: PeopleServiceDeps, flowId: string, comment: string): Promise<FlowOutcome> {
  try {
    const published = await publishFlow(deps.db, { flowId, author: deps.author, comment }, deps.prompts);
    return {
      kind: 'published',
      flowId,
      name: getFlow(deps.db, flowId)?.name ?? flowId,
      versionNumber: published.versionNumber,
    };
  } catch (error) {
    return { kind: 'not-published', flowId, reason: error instanceof Error ? error.message : String(error) };
  }
}

export type NewPerson = CreateUserInput & { ringSeconds?: number };

export async function addPerson(deps: PeopleServiceDeps, input: NewPerson): Promise<PersonChange> {
  const { ringSeconds, ...fields } = input;
  const extension = String(fields.extension ?? '');
  refuseIfAny(problemsOfNewUser(fields), [
    { field: 'username', messages: usernameProblems(deps.db, String(fields.username ?? '')) },
    { field: 'extension', messages: extensionProblems(deps.db, extension, null) },
    {
      field: 'sipPassword',
      messages: sipSecretProblems(String(fields.sipPassword ?? ''), String(fields.username ?? ''), extension),
    },
    { field: 'voicemailPin', messages: pinProblems(String(fields.voicemailPin ?? ''), extension) },
  ]);
  const person = await createUser(deps.db, fields);
  const document = personalFlowDocument(person, ringSeconds);
  const { flowId } = createFlow(deps.db, { document, author: deps.author });
  const flow = await publishPersonalFlow(deps, flowId, `Personal flow of ${person.username}, from the template`);
  return { person, flow, asterisk: await pushAccount(deps, person.username) };
}

export async function changePerson(deps: PeopleServiceDeps, id: string, patch: UpdateUserInput): Promise<PersonChange> {
  const before = getUserById(deps.db, id);
  if (!before) throw new UserNotFoundError(id);
  const ownFlowId = flowIdBoundToNumber(deps.db, before.extension);
  const extension = patch.extension ?? before.extension;
  const username = patch.username ?? before.username;
  refuseIfAny(problemsOfUserPatch(patch), [
    { field: 'username', messages: username === before.username ? [] : usernameProblems(deps.db, username, id) },
    {
      field: 'extension',
      messages: extension === before.extension ? [] : extensionProblems(deps.db, extension, ownFlowId, id),
    },
    {
      field: 'extension',
      messages: extension === before.extension ? [] : movableFlowProblems(deps.db, ownFlowId, before.extension),
    },
    {
      field: 'sipPassword',
      messages: patch.sipPassword === undefined ? [] : sipSecretProblems(patch.sipPassword, username, extension),
    },
    {
      field: 'voicemailPin',
      messages: patch.voicemailPin === undefined ? [] : pinProblems(patch.voicemailPin, extension),
    },
  ]);
  const person = await updateUser(deps.db, id, patch);
  const flow = await followPerson(deps, ownFlowId, before, person);

  let asterisk: AsteriskOutcome;
  if (person.username !== before.username && deps.provisioner) {
    // The account's id is the user name: the old one goes, the new one comes.
    // When the old one cannot go (pjsip.conf defines it, or Asterisk failed), the new one still comes, and the
    // outcome says what is left to do about the old one.
    const removed = await removeAccounts(deps.provisioner, before.username);
    const pushed = await pushAccount(deps, person.username);
    asterisk =
      pushed.kind === 'applied' && (removed.kind === 'failed' || removed.kind === 'in-pjsip-conf') ? removed : pushed;
  } else {
    asterisk = await pushAccount(deps, person.username);
  }
  return { person, flow, asterisk };
}

export interface SecretsReset {
  person: UserRecord;
  sipPassword: string;
  voicemailPin: string;
  asterisk: AsteriskOutcome;
}

/**
 * Gives a person a new SIP password and voicemail PIN (random ones the policy accepts, or the demo ones for a test
 * sandbox) and pushes the account to Asterisk; without a provisioner the next connection's sync carries it. Returns
 * the secrets in clear: the caller shows them once.
 */
export async function resetSecrets(
  deps: PeopleServiceDeps,
  id: string,
  options: { demo?: boolean } = {},
): Promise<SecretsReset> {
  const before = getUserById(deps.db, id);
  if (!before) throw new UserNotFoundError(id);
  const secrets = options.demo
    ? DEMO_SECRETS
    : {
        sipPassword: generateSipSecret(before.username, before.extension),
        voicemailPin: generatePin(before.extension),
      };
  const person = await updateUser(deps.db, id, secrets);
  return { person, ...secrets, asterisk: await pushAccount(deps, person.username) };
}

/** A flow answering more numbers than the person's extension is shared: moving the extension would take them all. */
function movableFlowProblems(db: SwitchboardDb, flowId: string | null, extension: string): PolicyProblem[] {
  if (flowId === null) return [];
  const flow = getFlow(db, flowId);
  const others = (flow?.boundNumbers ?? []).filter((number) => number !== extension);
  if (others.length === 0) return [];
  return [
    { key: 'people:errors.sharedFlow', values: { flow: flow?.name ?? flowId, extension, others: others.join(', ') } },
  ];
}

/**
 * After a change of extension, user name or name: the person's flow (the one answering their extension) is edited
 * so it keeps ringing them and recording into their box, then republished. Only what points at the person changes;
 * the rest of a flow someone redrew in the designer stays as it is.
 */
async function followPerson(
  deps: PeopleServiceDeps,
  flowId: string | null,
  before: UserRecord,
  after: UserRecord,
): Promise<FlowOutcome> {
  const moved = before.extension !== after.extension || before.username !== after.username;
  const renamed = before.displayName !== after.displayName;
  if (!moved && !renamed) return { kind: 'unchanged', flowId };
  if (flowId === null) {
    if (!moved) return { kind: 'unchanged', flowId };
    // Nothing answered the old extension (its flow was taken out of service): the new one gets the template.
    const { flowId: created } = createFlow(deps.db, { document: personalFlowDocument(after), author: deps.author });
    return publishPersonalFlow(deps, created, `Personal flow of ${after.username}, from the template`);
  }
  const flow = getFlow(deps.db, flowId);
  if (!flow) return { kind: 'unchanged', flowId };
  const document = retargetedDocument(flow.draft, before, after);
  saveDraft(deps.db, { flowId, document, expectedRevision: flow.revision, author: deps.author });
  return publishPersonalFlow(deps, flowId, `Follows ${after.username}: extension ${after.extension}`);
}

/** What a reference to `before` becomes once they are `after`; any other reference stays as it is. */
function followingPerson(before: UserRecord, after: UserRecord) {
  return (reference: DirectoryReference): DirectoryReference => {
    switch (reference.kind) {
      case 'person':
        return reference.username === before.username ? { kind: 'person', username: after.username } : reference;
      case 'extension':
        return reference.extension === before.extension ? { kind: 'extension', extension: after.extension } : reference;
      case 'box':
        return reference.box === before.extension ? { kind: 'box', box: after.extension } : reference;
    }
  };
}

/**
 * The node's data with its references rewritten by its type's definition. Data its schema refuses (a draft being
 * fixed) is left as written: there is no telling which of its fields point at whom.
 */
function retargetedData<T extends NodeType>(
  type: T,
  data: unknown,
  replace: (reference: DirectoryReference) => DirectoryReference,
): unknown {
  const definition = nodeDefinition(type);
  if (!definition.data.safeParse(data).success) return data;
  return definition.rewriteReferences(data as NodeInputMap[T], replace);
}

/**
 * The person's flow once they are `after`: every node's references to them (by user name, extension or box, as each
 * node type's definition finds them) follow, and so do the flow's name, description and numbers.
 */
export function retargetedDocument(document: FlowDocument, before: UserRecord, after: UserRecord): FlowDocument {
  const replace = followingPerson(before, after);
  const nodes = document.nodes.map((node) => {
    if (!isNodeType(node.type)) return node;
    const data = retargetedData(node.type, node.data, replace);
    return data === node.data ? node : { ...node, data };
  });
  const keptTemplateName = document.name === personalFlowName(before);
  return {
    ...document,
    name: keptTemplateName ? personalFlowName(after) : document.name,
    description: document.description.replaceAll(before.extension, after.extension),
    numbers: document.numbers.map((number) => (number === before.extension ? after.extension : number)),
    nodes,
  };
}

export interface PersonRemoval {
  person: UserRecord;
  flow: FlowOutcome;
  asterisk: AsteriskOutcome;
}

/**
 * Removes a person: their row and voicemail messages, their SIP account, and their personal flow is taken out of
 * service and archived (not deleted: call history points at its versions; it can be restored from the flows list).
 * Refused when the flow answering their extension also answers other numbers: that flow is not only theirs.
 */
export async function removePerson(deps: PeopleServiceDeps, id: string): Promise<PersonRemoval> {
  const person = getUserById(deps.db, id);
  if (!person) throw new UserNotFoundError(id);
  const flowId = flowIdBoundToNumber(deps.db, person.extension);
  refuseIfAny([], [{ field: 'extension', messages: movableFlowProblems(deps.db, flowId, person.extension) }]);

  deleteUser(deps.db, id);
  let flow: FlowOutcome = { kind: 'unchanged', flowId: null };
  if (flowId !== null) {
    const name = getFlow(deps.db, flowId)?.name ?? flowId;
    unbindNumbers(deps.db, flowId);
    try {
      archiveFlow(deps.db, flowId);
      flow = { kind: 'archived', flowId, name };
    } catch (error) {
      if (!(error instanceof FlowInUseError)) throw error;
      flow = { kind: 'unbound', flowId, name };
    }
  }
  const asterisk: AsteriskOutcome = deps.provisioner
    ? await removeAccounts(deps.provisioner, person.username)
    : { kind: 'not-configured' };
  return { person, flow, asterisk };
}

export interface PeopleSyncReport {
  applied: string[];
  removed: string[];
  /** Accounts pjsip.conf (--static-people) defines differently from the directory: regenerate it, reload res_pjsip. */
  staleInPjsipConf: string[];
  failed: { username: string; message: string }[];
}

/**
 * Makes Asterisk's accounts match the directory: pushes every person's phone and browser device, and removes the
 * accounts Switchboard pushed earlier for people who are gone (e.g. removed with the CLI while the server was down),
 * both of them. Run at app start.
 */
export async function syncPeopleToAsterisk(
  db: SwitchboardDb,
  provisioner: SipAccountProvisioner,
): Promise<PeopleSyncReport> {
  const report: PeopleSyncReport = { applied: [], removed: [], staleInPjsipConf: [], failed: [] };
  const record = (username: string, outcome: AccountProvisioning, done: string[]) => {
    if (outcome.kind === 'applied') done.push(username);
    else if (outcome.kind === 'in-pjsip-conf' && !outcome.upToDate) report.staleInPjsipConf.push(username);
    else if (outcome.kind === 'failed') report.failed.push({ username, message: outcome.message });
  };
  const accounts = loadSipAccounts(db);
  for (const account of accounts) record(account.username, await provisioner.applyAccount(account), report.applied);
  const wanted = new Set(accounts.map((account) => account.username));
  let managed: string[] = [];
  try {
    managed = await provisioner.managedUsernames();
  } catch (error) {
    report.failed.push({ username: '(listing)', message: error instanceof Error ? error.message : String(error) });
  }
  for (const username of managed.filter((name) => !wanted.has(name))) {
    record(username, await provisioner.removeAccount(username), report.removed);
  }
  return report;
}

export { listUsers as listPeople };
