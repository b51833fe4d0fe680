import type { TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { ResponsibilityDialog } from '../../dialogs/responsibilityDialog.js';
import { Session } from '../../dialogs/session.js';
import { TopicDialog } from '../../dialogs/topicDialog.js';
import { createI18n } from '../../src/i18n/i18n.js';
import type { LanguageCode } from '../../src/i18n/languages.js';
import { createUnderstander } from '../../src/understanding/index.js';
import { testApp } from '../helpers/app.js';
import { scriptShare } from '../helpers/script.js';

// Each dialog on its own, through botbuilder-testing's DialogTestClient.
let app: Awaited<ReturnType<typeof testApp>>;
let understander: ReturnType<typeof createUnderstander>;
const i18n = createI18n('locales');
beforeAll(async () => {
  app = await testApp();
  understander = createUnderstander(app.content);
});
afterAll(() => app.dispose());

/** A client whose turns carry the session of a person with this language and region. */
async function client(dialog: ResponsibilityDialog | TopicDialog, lang: LanguageCode, region: string, options?: unknown) {
  await app.store.saveProfile('test:user1', { language: lang, region });
  const attach = { onTurn: async (ctx: TurnContext, next: () => Promise<void>) => (await Session.attach(ctx, app.store, i18n, understander), next()) };
  return new DialogTestClient('test', dialog, options, [attach]);
}

describe('ResponsibilityDialog: every age × status in Krefeld', () => {
  test.each([
    ['under25', 'asylum', 'krefeld-agentur'],
    ['under25', 'recognised', 'krefeld-agentur'],
    ['over25', 'recognised', 'krefeld-jobcenter'],
    ['over25', 'ukraine', 'krefeld-jobcenter'],
    ['over25', 'toleration', 'krefeld-agentur'],
    ['over25', 'unknown', 'krefeld-ip']
  ])('%s, %s → %s, asked in Arabic', async (age, status, team) => {
    const test = await client(new ResponsibilityDialog(app.content), 'ar', 'krefeld');
    const ageQuestion = await test.sendActivity('');
    expect(scriptShare(ageQuestion.text, 'ar')).toBeGreaterThan(0.5);
    await test.sendActivity({ type: 'message', text: age, value: { choice: age } });
    await test.sendActivity({ type: 'message', text: status, value: { choice: status } });
    expect(test.dialogTurnResult.status).toBe('complete');
    expect((test.dialogTurnResult.result as { route: { team: string } }).route.team).toBe(team);
  });
});

describe('TopicDialog: every topic in Tigrinya', () => {
  test('answer with topic and locale, then "another" ends the dialog', async () => {
    for (const topic of app.content.topics) {
      const test = await client(new TopicDialog(app.content), 'ti', 'stendal', { topic: topic.id });
      const answer = await test.sendActivity('');
      expect([answer.channelData?.topic, answer.locale]).toEqual([topic.id, 'ti']);
      await test.sendActivity({ type: 'message', text: 'x', value: { choice: 'another' } });
      expect(test.dialogTurnResult.status).toBe('complete');
    }
  });
});
