import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlow, getFlow, listFlows, publishVersion } from '#db/flows.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { translatorFor } from '#i18n/translator.ts';
import { deleteFlow, duplicate, importFlow, takeOutOfService } from './flows-list.server.ts';

// The list's answers in French, the default language (server/flow-pages.test.ts reads them in English, through HTTP).
const fr = translatorFor('fr');

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

describe('the flows list’s answers, in French', () => {
  it('names the copy and says why a published flow is not deleted, then that its numbers are out of service', () => {
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Accueil', ['7201', '7202']), author: 'test' });
    publishVersion(temp.db, { flowId, document: getFlow(temp.db, flowId)!.draft, author: 'test' });

    const copy = duplicate(temp.db, flowId, 'test', fr);
    expect('flowId' in copy && getFlow(temp.db, copy.flowId)!.name).toBe('Accueil (copie)');

    expect(deleteFlow(temp.db, flowId, fr)).toMatchObject({
      message: "« Accueil » n'a pas été supprimé : il est publié et répond aux numéros 7201, 7202.",
      boundNumbers: ['7201', '7202'],
    });
    expect(takeOutOfService(temp.db, flowId, fr)).toMatchObject({
      message:
        "« Accueil » ne répond plus aux 7201, 7202 ; les appelants de ces numéros entendent « ce numéro n'est pas en service ».",
    });
    expect(deleteFlow(temp.db, 'flw_nope', fr)).toMatchObject({ message: "Il n'y a pas de parcours « flw_nope »." });
  });

  it('says where an imported file is not JSON, and imports nothing', () => {
    const before = listFlows(temp.db).length;
    const outcome = importFlow(temp.db, { text: '{\n  "name": ,\n}', source: { kind: 'pasted' } }, 'test', 'fr');
    expect(outcome).toMatchObject({ intent: 'import', ok: false });
    expect('message' in outcome && outcome.message).toMatch(
      /^Le texte collé n'est pas du JSON valide \(ligne 2, colonne \d+\) : .* Rien n'a été importé\.$/,
    );
    expect(listFlows(temp.db)).toHaveLength(before);
  });
});
