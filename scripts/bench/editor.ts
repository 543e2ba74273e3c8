// npm run bench:editor — the designer on a generated 500-node flow, in headless Debian Chromium against the
// production server (`npm start`'s server/main.ts on a temporary database). Prints:
//   - first render: navigation start -> the nodes are drawn (React Flow shows a node once it has measured it; on a
//     flow this big it draws only those on screen);
//   - interactive: navigation start -> a click on a node has selected it and the inspector shows its form;
//   - save round trip, over SAVE_EDITS edits of a node's text: "Saving…" -> "All changes saved" (the POST, the
//     server's validation and write, and React applying the answer), and the POST alone as the browser timed it.
// Targets (2-core machine): interactive under 1 s, save round trip under 50 ms. Figures only: nothing asserts on them.
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { generateLargeFlow } from '#flows/testing/documents.ts';
import type { FlowDocument } from '#flows/document.ts';
import { STAFF, startDesignerServer } from '#tests/e2e/browser/designer-server.ts';
import { VIEWPORT, launchChromium, signIn } from '#tests/e2e/browser/designer-page.ts';

const NODE_COUNT = Number(process.env.BENCH_NODES ?? 500);
const PAGE_LOADS = Number(process.env.BENCH_LOADS ?? 5);
const SAVE_EDITS = Number(process.env.BENCH_EDITS ?? 20);

/**
 * The generated flow (all on one line) arranged on a grid, 20 steps a row, in the order it was generated: each menu
 * near its branches, as a person would place them, with some long edges back to the first menu.
 */
function arrangedFlow(): FlowDocument {
  const document = generateLargeFlow(NODE_COUNT);
  const position = (index: number) => ({ x: (index % 20) * 300, y: Math.floor(index / 20) * 220 });
  return { ...document, nodes: document.nodes.map((node, index) => ({ ...node, position: position(index) })) };
}

/**
 * Runs in the page before any of its scripts: records (performance.now(), from navigation start) when the nodes on
 * screen are drawn (React Flow commits them together; a big flow opens on its start node, so only a few are), when
 * the inspector first shows a node, and every change of the save indicator's state. A string, not a function: tsx would add helpers to a function's source that do not exist in the page.
 */
const probes = () => `
  const marks = { firstRender: undefined, inspector: undefined, saveStates: [] };
  window.benchMarks = marks;
  function check() {
    if (marks.firstRender === undefined) {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length > 0 && [...nodes].every((node) => node.style.visibility !== 'hidden')) {
        marks.firstRender = performance.now();
      }
    }
    if (marks.inspector === undefined && document.querySelector('[data-testid="node-inspector"][data-node-id]')) {
      marks.inspector = performance.now();
    }
    const state = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state');
    if (state && marks.saveStates.at(-1)?.state !== state) marks.saveStates.push({ state, at: performance.now() });
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
`;

interface Marks {
  firstRender?: number;
  inspector?: number;
  saveStates: { state: string; at: number }[];
}
const marksOf = (page: Page) => page.evaluate(() => (window as unknown as { benchMarks: Marks }).benchMarks);

/**
 * A say node whose title is on screen after the page's opening view (a big flow opens on its start node), found
 * once: every load opens the same way.
 */
async function sayNodeOnScreen(page: Page): Promise<string> {
  const found = await page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (const node of document.querySelectorAll('[data-node-type="say"]')) {
      const title = node.querySelector('.canvas-node-title')!.getBoundingClientRect();
      const inside =
        title.left > canvas.left + 20 &&
        title.right < canvas.right - 200 &&
        title.top > canvas.top + 20 &&
        title.bottom < canvas.bottom - 150;
      if (inside) return node.getAttribute('data-testid')!.slice('node-'.length);
    }
    return null;
  });
  if (!found) {
    await page.screenshot({ path: 'bench-editor-failure.png' });
    throw new Error('no say node is on screen after the first fit (see bench-editor-failure.png)');
  }
  return found;
}

/** Clicks the node's title until the inspector shows it: a click before hydration does nothing. */
async function selectAsSoonAsPossible(page: Page, nodeId: string): Promise<void> {
  const title = page.getByTestId(`node-${nodeId}`).locator('.canvas-node-title');
  const inspector = page.locator(`[data-testid="node-inspector"][data-node-id="${nodeId}"]`);
  for (let attempt = 0; attempt < 200; attempt++) {
    await title.click({ timeout: 10_000 });
    if ((await inspector.count()) > 0) return;
    await page.waitForTimeout(10);
  }
  throw new Error(`the inspector never showed ${nodeId}`);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const report = (label: string, values: number[], target?: number) => {
  const median = quantile(values, 0.5);
  const p95 = quantile(values, 0.95);
  const verdict =
    target === undefined
      ? ''
      : `  (target < ${target} ms: median ${median < target ? 'met' : 'MISSED'}, p95 ${p95 < target ? 'met' : 'MISSED'})`;
  console.log(
    `${label.padEnd(34)} median ${median.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  (n=${values.length})${verdict}`,
  );
};

const flow = arrangedFlow();
console.log(
  `flow: ${flow.nodes.length} nodes, ${flow.edges.length} edges; viewport ${VIEWPORT.width}x${VIEWPORT.height}`,
);
// Figures from a machine busy with other work mean little: say how busy it was.
const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
console.log(`load average before: ${loadAverage()} (${cpus().length} cores)`);
const server = await startDesignerServer({ flows: [flow] });
const browser = await launchChromium();
try {
  const flowId = server.flowIds[0]!;
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, server.baseUrl, STAFF.editor);
  await page.addInitScript({ content: probes() });
  const editorUrl = `${server.baseUrl}/flows/${flowId}/edit`;

  // Page loads: the first warms the server's and the browser's caches, as a person's second visit would be.
  let editedNode = '';
  const firstRenders: number[] = [];
  const interactives: number[] = [];
  for (let load = 0; load <= PAGE_LOADS; load++) {
    await page.goto(editorUrl);
    await page.waitForFunction(
      () => (window as unknown as { benchMarks: Marks }).benchMarks.firstRender !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    if (!editedNode) editedNode = await sayNodeOnScreen(page);
    await selectAsSoonAsPossible(page, editedNode);
    const marks = await marksOf(page);
    if (load === 0) {
      const drawn = await page.locator('.react-flow__node').count();
      const edgesDrawn = await page.locator('.react-flow__edge').count();
      console.log(
        `cold load (not counted): first render ${marks.firstRender!.toFixed(0)} ms, interactive ${marks.inspector!.toFixed(0)} ms; ` +
          `${drawn} nodes and ${edgesDrawn} edges drawn`,
      );
      continue;
    }
    firstRenders.push(marks.firstRender!);
    interactives.push(marks.inspector!);
  }
  report('first render (nodes drawn)', firstRenders);
  report('interactive (node selected)', interactives, 1000);

  // Saves: each edit types a new text, then waits for the indicator to go through "Saving…" back to "saved".
  const posts: number[] = [];
  page.on('requestfinished', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith(`/flows/${flowId}/edit`)) {
      posts.push(request.timing().responseEnd);
    }
  });
  const field = page.locator('[data-testid="node-inspector"] [data-field="text"]');
  const roundTrips: number[] = [];
  const changeToSaved: number[] = [];
  for (let edit = 0; edit <= SAVE_EDITS; edit++) {
    const before = (await marksOf(page)).saveStates.length;
    const typedAt = await page.evaluate(() => performance.now());
    await field.fill(`Étape ${edit}, texte modifié pour la mesure.`);
    await page.waitForFunction(
      (count) => {
        const states = (window as unknown as { benchMarks: Marks }).benchMarks.saveStates.slice(count);
        return states.some((entry) => entry.state === 'saving') && states.at(-1)!.state === 'saved';
      },
      before,
      { timeout: 30_000 },
    );
    const states = (await marksOf(page)).saveStates.slice(before);
    const saving = states.find((entry) => entry.state === 'saving')!;
    const saved = states.at(-1)!;
    if (edit === 0) continue; // warm-up
    roundTrips.push(saved.at - saving.at);
    changeToSaved.push(saved.at - typedAt);
  }
  report('save round trip (saving -> saved)', roundTrips, 50);
  report('POST request (browser timing)', posts.slice(1));
  report('edit -> saved (incl. 800 ms debounce)', changeToSaved);
  console.log(`load average after: ${loadAverage()}`);
  if (pageErrors.length > 0) console.log(`page errors: ${pageErrors.join('; ')}`);
} finally {
  await browser.close();
  await server.stop();
}
