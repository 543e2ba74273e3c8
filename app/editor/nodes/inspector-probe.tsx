// Test support for the inspectors (nodes/<type>.test.tsx): renders one node type's form to HTML with react-dom/server,
// as the page's first HTML is rendered, and keeps the handlers of its fields and buttons so a test can edit a field
// or press a button and read the data the form hands on. There is no DOM in the unit tests: the handlers are taken
// from the elements the inspector returns (its own fields and buttons, not those inside shared field components).
import { Fragment, isValidElement, type FunctionComponent, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { UiLanguage } from '#i18n/languages.ts';
import { i18nFor } from '#i18n/translator.ts';
import type { NodeDataMap, NodeType } from '#flows/catalogue.ts';
import { EditorContext } from '../editor-context.ts';
import { indexDiagnostics } from '../diagnostics.ts';
import type { FlowReference } from '../editor-context.ts';
import { FieldMessagesContext, FieldScopeContext } from '../forms/form-context.ts';
import { nodeEditors } from './index.ts';

type Props = Record<string, unknown>;

export interface Change<T extends NodeType> {
  data: NodeDataMap[T];
  field: string;
}

export interface ProbedInspector<T extends NodeType> {
  html: string;
  /** The `data-field` of every input, select and text box, in page order: the fields shown. */
  fields: string[];
  /** The text of every field label, in page order. */
  labels: string[];
  /** The names of the buttons (their aria-label, else their text). */
  buttons: string[];
  /** Types into, chooses in or ticks the field at `path`; returns what the form hands on. */
  edit(path: string, ...value: unknown[]): Change<T>;
  /** Presses the button of that name; returns what the form hands on. */
  press(name: string): Change<T>;
  isDisabled(button: string): boolean;
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** Every element in the tree the inspector returned, looking into children and element-valued props (actions). */
function elementsOf(node: unknown, found: ReactElement<Props>[] = []): ReactElement<Props>[] {
  if (Array.isArray(node)) {
    for (const item of node) elementsOf(item, found);
  } else if (isValidElement<Props>(node)) {
    found.push(node);
    for (const value of Object.values(node.props)) {
      if (Array.isArray(value) || isValidElement(value)) elementsOf(value, found);
    }
  }
  return found;
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

export function probeInspector<T extends NodeType>(
  type: T,
  data: NodeDataMap[T],
  options: {
    otherFlows?: FlowReference[];
    calendars?: FlowReference[];
    messages?: Map<string, string[]>;
    /** The page's language; English (the unit tests' own) when not given. */
    language?: UiLanguage;
  } = {},
): ProbedInspector<T> {
  const changes: Change<T>[] = [];
  let elements: ReactElement<Props>[] = [];
  const Inspector = nodeEditors[type].Inspector as FunctionComponent<{
    nodeId: string;
    data: NodeDataMap[T];
    onChange: (next: NodeDataMap[T], field: string) => void;
  }>;
  // Calls the inspector itself, during a real render (its hooks are this component's), to keep what it returned.
  function Probe() {
    const tree = Inspector({
      nodeId: 'n1',
      data,
      onChange: (next, field) => changes.push({ data: next, field }),
    }) as ReactNode;
    elements = elementsOf(tree);
    return <Fragment>{tree}</Fragment>;
  }
  const page = (
    <EditorContext.Provider
      value={{
        otherFlows: options.otherFlows ?? [],
        calendars: options.calendars ?? [],
        calendarVerdicts: null,
        diagnostics: indexDiagnostics([]),
      }}
    >
      <FieldScopeContext.Provider value="n1">
        <FieldMessagesContext.Provider value={options.messages ?? new Map()}>
          <Probe />
        </FieldMessagesContext.Provider>
      </FieldScopeContext.Provider>
    </EditorContext.Provider>
  );
  // The Listen button reads the session's CSRF token from the root route, as on the page.
  const router = createMemoryRouter([
    {
      id: 'root',
      path: '/',
      element: <I18nextProvider i18n={i18nFor(options.language ?? 'en')}>{page}</I18nextProvider>,
    },
  ]);
  const html = renderToStaticMarkup(<RouterProvider router={router} />);
  const buttons = elements.filter((element) => element.type === 'button');
  const nameOf = (button: ReactElement<Props>) =>
    typeof button.props['aria-label'] === 'string'
      ? button.props['aria-label']
      : textOf(button.props.children as ReactNode);
  const last = (before: number): Change<T> => {
    if (changes.length === before) throw new Error('The form handed nothing on');
    return changes.at(-1)!;
  };
  return {
    html,
    fields: [...html.matchAll(/data-field="([^"]*)"/g)].map((match) => match[1]!),
    labels: [...html.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((match) => stripTags(match[1]!)),
    buttons: buttons.map(nameOf),
    edit(path, ...value) {
      const field = elements.find(
        (element) => element.props.path === path && typeof element.props.onChange === 'function',
      );
      if (!field) throw new Error(`No field "${path}" in the form`);
      const before = changes.length;
      (field.props.onChange as (...args: unknown[]) => void)(...value);
      return last(before);
    },
    press(name) {
      const button = buttons.find((candidate) => nameOf(candidate) === name);
      if (!button) throw new Error(`No button "${name}" in the form (${buttons.map(nameOf).join(', ')})`);
      const before = changes.length;
      (button.props.onClick as () => void)();
      return last(before);
    },
    isDisabled(name) {
      const button = buttons.find((candidate) => nameOf(candidate) === name);
      if (!button) throw new Error(`No button "${name}" in the form`);
      return button.props.disabled === true;
    },
  };
}
