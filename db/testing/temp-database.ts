// Shared by db/*.test.ts: real SQLite files in a throw-away folder, and documents to store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from '../client.ts';

export interface TempDatabase {
  db: SwitchboardDb;
  folder: string;
  /** Closes the database and deletes its folder. */
  dispose(): void;
}

export function openTempDatabase(): TempDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-db-'));
  const db = openDatabase(join(folder, 'switchboard.db'));
  return {
    db,
    folder,
    dispose() {
      closeDatabase(db);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A small valid flow spoken in French, with the characters that trip encodings: accents, quotes, emoji. */
export function frenchFlow(
  name = 'Accueil — Société Générale d’Électricité',
  numbers: string[] = ['6003'],
): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name,
    description: 'Menu « principal » : l’accueil, où l’on choisit un service… 📞 ça marche ! ñ ü ß 你好',
    language: 'fr-FR',
    numbers,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'bienvenue',
        type: 'say',
        position: { x: 200, y: 10.5 },
        data: { text: 'Bonjour, et bienvenue à la plateforme ! Été, hôpital, façade, cœur.', language: 'fr-FR' },
      },
      {
        id: 'menu',
        type: 'menu',
        position: { x: 400, y: -20 },
        data: {
          prompt: { text: 'Appuyez sur 1 pour le service compte, sur 2 pour les « RH ».', language: 'fr-FR' },
          options: [
            { digit: '1', label: 'Comptabilité' },
            { digit: '2', label: 'Ressources humaines' },
          ],
          timeoutSeconds: 5,
          retries: 2,
          bargeIn: true,
        },
      },
      { id: 'fin', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceBranch: 'next', target: 'bienvenue' },
      { id: 'e2', source: 'bienvenue', sourceBranch: 'next', target: 'menu' },
      { id: 'e3', source: 'menu', sourceBranch: '1', target: 'fin' },
      { id: 'e4', source: 'menu', sourceBranch: '2', target: 'fin' },
    ],
  };
}
