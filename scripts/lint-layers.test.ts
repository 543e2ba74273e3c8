// The layering rules of eslint.config.js, tried on small sources placed (virtually) in each layer: a rule that
// stopped matching would let a layer reach another without anyone noticing.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

describe('layers by lint', () => {
  it('keeps flows/ free of every other layer, by alias or relative path', async () => {
    expect(
      await restrictedImports('flows/nodes/x.ts', "import { a } from '#db/calls.ts';\nexport const b = a;\n"),
    ).toEqual([expect.stringContaining('flows/ is the pure flow language')]);
    expect(
      await restrictedImports('flows/x.ts', "import { a } from '../runtime/session.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports('flows/x.ts', "import { a } from './catalogue.ts';\nexport const b = a;\n")).toEqual(
      [],
    );
  });

  it('keeps db/ from app/, and runtime/ from server/', async () => {
    expect(
      await restrictedImports('db/x.ts', "import { a } from '#app/history/filters.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('runtime/x.ts', "import { a } from '#server/services.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports('runtime/x.ts', "import { a } from '#db/calls.ts';\nexport const b = a;\n")).toEqual(
      [],
    );
  });

  it('lets route modules reach the database only through .server.ts modules', async () => {
    const value = "import { getFlow } from '#db/flows.ts';\nexport const a = getFlow;\n";
    expect(await restrictedImports('app/routes/x.tsx', value)).toEqual([
      expect.stringContaining('through a .server.ts module'),
    ]);
    expect(
      await restrictedImports(
        'app/routes/x.tsx',
        "import type { FlowRecord } from '#db/flows.ts';\nexport type A = FlowRecord;\n",
      ),
    ).toEqual([]);
    expect(await restrictedImports('app/routes/x.server.ts', value)).toEqual([]);
  });

  it('lets only runtime/ari/ import ari-client', async () => {
    const code = "import ari from 'ari-client';\nexport const a = ari;\n";
    expect(await restrictedImports('runtime/session.ts', code)).toEqual([expect.stringContaining('runtime/ari/')]);
    expect(await restrictedImports('server/main.ts', code)).toHaveLength(1);
    expect(await restrictedImports('runtime/ari/connection.ts', code)).toEqual([]);
  });
});
