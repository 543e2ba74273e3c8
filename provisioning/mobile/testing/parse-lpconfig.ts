// Reads a Linphone lpconfig XML document the strict way (saxes: a conforming XML 1.0 parser, which refuses what is
// not well-formed, e.g. a bare "&"), and gives back its sections, for tests of the provisioning XML.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface LpconfigEntry {
  value: string;
  overwrite: string | null;
}

export interface ParsedLpconfig {
  /** The root element's namespace URI. */
  namespace: string;
  rootName: string;
  /** section name -> entry name -> entry. */
  sections: Map<string, Map<string, LpconfigEntry>>;
  /** Section names in document order. */
  order: string[];
}

/** Throws on any well-formedness error, and on elements other than config > section > entry. */
export function parseLpconfig(xml: string): ParsedLpconfig {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const result: ParsedLpconfig = { namespace: '', rootName: '', sections: new Map(), order: [] };
  const stack: SaxesTagNS[] = [];
  let section: Map<string, LpconfigEntry> | null = null;
  let entry: { name: string; overwrite: string | null; text: string } | null = null;
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const depth = stack.length;
    stack.push(tag);
    const attribute = (name: string) => tag.attributes[name]?.value ?? null;
    if (depth === 0) {
      result.namespace = tag.uri;
      result.rootName = tag.local;
    } else if (depth === 1 && tag.local === 'section') {
      const name = attribute('name');
      if (!name) throw new Error('a section without a name');
      if (result.sections.has(name)) throw new Error(`section "${name}" appears twice`);
      section = new Map();
      result.sections.set(name, section);
      result.order.push(name);
    } else if (depth === 2 && tag.local === 'entry') {
      const name = attribute('name');
      if (!name) throw new Error('an entry without a name');
      entry = { name, overwrite: attribute('overwrite'), text: '' };
    } else {
      throw new Error(`unexpected element <${tag.name}> at depth ${depth}`);
    }
  });
  parser.on('text', (text) => {
    if (entry) entry.text += text;
  });
  parser.on('closetag', () => {
    const depth = stack.length - 1;
    stack.pop();
    if (depth === 2 && entry && section) {
      if (section.has(entry.name)) throw new Error(`entry "${entry.name}" appears twice`);
      section.set(entry.name, { value: entry.text, overwrite: entry.overwrite });
      entry = null;
    }
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return result;
}

/** The value of section/entry, failing loudly when it is missing. */
export function lpconfigValue(config: ParsedLpconfig, section: string, entry: string): string {
  const found = config.sections.get(section)?.get(entry);
  if (!found) throw new Error(`no entry ${section}/${entry}`);
  return found.value;
}
