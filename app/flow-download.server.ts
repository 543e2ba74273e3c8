import type { FlowDocument } from '#flows/document.ts';

/**
 * A flow document as a file download, named after the flow (and version), ready for `switchboard flows import`,
 * the import form or POST /api/flows/import. Shared by the signed-in export route and the API.
 */
export function flowDownload(
  document: FlowDocument,
  flow: { id: string; name: string },
  versionNumber?: number,
): Response {
  const fileName = `${fileNameOf(flow.name) || flow.id}${versionNumber ? `-v${versionNumber}` : ''}.json`;
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}

/** "Accueil — Société" -> "Accueil-Societe": what every browser and shell accepts in a file name. */
function fileNameOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
