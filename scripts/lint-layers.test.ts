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

  it("lets only runtime/ari/ use the ARI client's HTTP and WebSocket modules", async () => {
    const http = "import { AriHttpClient } from '#runtime/ari/ari-http-client.ts';\nexport const a = AriHttpClient;\n";
    const events = "import { AriEventSession } from './ari/event-session.ts';\nexport const a = AriEventSession;\n";
    expect(await restrictedImports('runtime/session.ts', http)).toEqual([expect.stringContaining('runtime/ari/')]);
    expect(await restrictedImports('runtime/session.ts', events)).toHaveLength(1);
    expect(await restrictedImports('server/main.ts', http)).toHaveLength(1);
    expect(await restrictedImports('scripts/bench/x.test.ts', http)).toHaveLength(1);
    expect(await restrictedImports('runtime/ari/connection.ts', http.replace('#runtime/ari/', './'))).toEqual([]);
    expect(
      await restrictedImports(
        'server/main.ts',
        "import { AriConnection } from '#runtime/ari/connection.ts';\nexport const a = AriConnection;\n",
      ),
    ).toEqual([]);
  });
});
