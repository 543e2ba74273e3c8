import type { z } from 'zod';
import type { SpokenPrompt } from './nodes/shared.ts';
import type { NodeMessage } from './node-texts.ts';
import type { DiagnosticCode } from './validation/diagnostics.ts';
import type { diagnostics } from '#i18n/catalogues/fr/diagnostics.ts';

type DataProblemSentences = (typeof diagnostics)['data'];

/** One outgoing connection point of a node: a menu digit, "timeout", "no-answer"... Branches are data, not JSX. */
export interface BranchSpec {
  id: string;
  /**
   * Shown on the handle in the editor and in diagnostics, in words a non-programmer understands, in the reader's
   * language: a sentence of the `nodes` catalogue (flows/node-texts.ts).
   */
  label: NodeMessage;
  /** A required branch left unconnected is an error; an optional one ends the call when taken. */
  required: boolean;
  /**
   * For an optional branch that should nearly always be connected: leaving it unconnected is a warning
   * (`branch-unconnected-warning`) whose message ends with this clause, saying what callers will live through,
   * e.g. "callers who call while it is closed are hung up on".
   */
  warnWhenUnconnected?: NodeMessage;
}

export type NodeCategory = 'start' | 'prompts' | 'caller input' | 'people' | 'conference' | 'logic';

/**
 * Something of the phone directory a node points at: a person by user name, an extension (whoever owns it), or a
 * voicemail box (numbered by its owner's extension). When a person's extension or user name changes, their
 * personal flow is rewritten through these (provisioning/people/people-service.ts).
 */
export type DirectoryReference =
  { kind: 'person'; username: string } | { kind: 'extension'; extension: string } | { kind: 'box'; box: string };

/** What a node does to the call's language. */
export type LanguageSwitch =
  /** Leaves it as it was. */
  | { kind: 'none' }
  /** Sets it to one of these (which one depends on the call: the caller's number...). */
  | { kind: 'to'; languages: string[] }
  /** Sets it to a value known only during the call (`{{...}}`): any language the flow speaks may follow. */
  | { kind: 'unknown' };

/** A prompt staff wrote, and where it sits in the node's data ("prompt", "periodicMessage.prompt"). */
export interface WrittenPrompt {
  field: string;
  prompt: SpokenPrompt;
}

/** A problem in one field of a node's data that its schema alone cannot see (two options on one key...). */
export interface DataProblem {
  code: DiagnosticCode;
  /** Dotted path in the node data: "options.1.digit". */
  field: string;
  /**
   * The sentence after the node's label ("key 1 is used twice."), as a sentence of the `diagnostics:data` catalogue
   * and its values: validation words it in its reader's language.
   */
  message: { key: keyof DataProblemSentences; values: Readonly<Record<string, string | number>> };
}

/**
 * Everything the flow language knows about one node type. `Data` is what its schema outputs (defaults filled in),
 * `Input` what a document may hold before parsing. Each fact a layer needs lives here, so that adding a type is one
 * file and one line in catalogue.ts, and every layer that handles types by name fails to compile until it handles
 * the new one.
 */
export interface NodeDefinition<T extends string, Data = unknown, Input = Data> {
  /** Its title and summary, in each language, are in the `nodes` catalogue under this type (flows/node-texts.ts). */
  type: T;
  category: NodeCategory;
  /** zod schema of the node's data; it fills defaults for omitted fields. */
  data: z.ZodType<Data, Input>;
  /** The data a freshly dropped node starts with. */
  defaults(): Data;
  /** The node's outgoing branches, which may depend on its data (one per menu digit...). */
  branches(data: Data): BranchSpec[];
  /**
   * True when running the node takes time the caller notices (a prompt, waiting for keys, ringing).
   * A cycle made only of nodes that do not wait would spin without end, so validation rejects it.
   */
  waitsForCaller: boolean;
  /**
   * Data fields that are secrets (a room's PINs): viewers never receive them, on a page, from the API or in an
   * export (flows/redact.ts).
   */
  secretFields?: readonly (keyof Data & string)[];
  /** False for the node calls begin at (Start): nothing may lead into it, so it has no entry handle. */
  acceptsCalls: boolean;
  /**
   * Every sentence the node speaks with the synthetic voice, exactly as the runtime will ask for it: publishing
   * renders them all beforehand (each prompt in each of its languages), so no caller waits for a voice
   * (flows/prompts.ts). `callLanguages` are the languages a call may be in when it gets here (the flow's own and those
   * its nodes switch to): a node that speaks sentences of its own (a queue's position) says them in those too.
   */
  spokenPrompts(data: Data, callLanguages?: readonly string[]): SpokenPrompt[];
  /**
   * The prompts staff wrote in this node, with the field each sits in: validation warns of those missing a language
   * the call may be in (`prompt-language-missing`). Absent for a node with no written prompt.
   */
  writtenPrompts?(data: Data): WrittenPrompt[];
  /**
   * How the node changes the call's language (a `language` node, a `set` node assigning `language`), so publishing
   * knows every language the flow may speak and validation which languages reach each prompt. Absent for a node that
   * never changes it.
   */
  languageSwitch?(data: Data): LanguageSwitch;
  /** The people, extensions and voicemail boxes of the directory the node points at. */
  references(data: Data): DirectoryReference[];
  /**
   * The data with each of its references replaced by what `replace` returns for it (the same reference when
   * nothing changes), everything else left exactly as written. Works on data that its schema accepts, before parsing.
   */
  rewriteReferences(data: Input, replace: (reference: DirectoryReference) => DirectoryReference): Input;
  /**
   * Checks on the raw data, run before the schema's, so they show while other fields are still wrong. The data may
   * be anything a file holds: read it defensively.
   */
  checkRawData?(data: unknown): DataProblem[];
  checkData?(data: Data): DataProblem[];
  /**
   * The ids of the calendars (opening hours) the node points at. Validation given the calendars that exist reports
   * the missing ones (`calendar-missing`).
   */
  calendars?(data: Data): string[];
}

/** A definition whose schema keeps its own zod type, so `z.output` of it gives the data type precisely. */
export type DefinitionWithSchema<T extends string, Schema extends z.ZodType> = NodeDefinition<
  T,
  z.output<Schema>,
  z.input<Schema>
> & { data: Schema };

/** Identity helper that keeps the literal type of `type` and of the schema, and checks the shape. */
export function defineNode<T extends string, Schema extends z.ZodType>(
  definition: DefinitionWithSchema<T, Schema>,
): DefinitionWithSchema<T, Schema> {
  return definition;
}

/** For the node types that speak no sentence of their own. */
export const speaksNothing = (): SpokenPrompt[] => [];

/** For the node types that point at nothing in the directory. */
export const referencesNothing = {
  references: (): DirectoryReference[] => [],
  rewriteReferences: <Input>(data: Input): Input => data,
};
