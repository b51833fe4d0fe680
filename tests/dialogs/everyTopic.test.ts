import { LANGUAGE_CODES } from '../../src/i18n/languages.js';
import { testApp } from '../helpers/app.js';
import { Chat, last, type Reply } from '../helpers/chat.js';
import { scriptShare } from '../helpers/script.js';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

const choiceIds = (reply: Reply) => reply.buttons.map((b) => Object.values(b.value as object)[0] as string);

describe.each(LANGUAGE_CODES)('every topic in %s', (lang) => {
  test.each(['heinsberg', 'dresden'])('in %s: answer, sub-answers and details in the language, for the region', async (region) => {
    const chat = new Chat(app.bot, `every-${lang}-${region}`);
    const languages = last(await chat.start());
    const regions = last(await chat.tap(languages, lang));
    let menu = last(await chat.tap(regions, region));
    const regionName = app.content.region(region)!.name;
    for (const topic of app.content.topics) {
      const answer = last(await chat.tap(menu, topic.id));
      const replies: Reply[] = [answer];
      // "More" first (sub-answers do not offer it), then each sub-question from the latest reply.
      const ids = choiceIds(answer).filter((c) => c.startsWith('q:') || c === 'more').sort((a) => (a === 'more' ? -1 : 0));
      for (const id of ids) replies.push(last(await chat.tap(replies.at(-1)!, id)));
      if (app.content.localize(topic.id, lang).text.questions?.length) expect(ids.length).toBeGreaterThan(1);
      for (const reply of replies) {
        expect([topic.id, reply.topic, reply.locale]).toEqual([topic.id, topic.id, lang]);
        expect(reply.text).not.toMatch(/\{\{|\}\}|undefined|\[object/);
        if (topic.id !== 'emergency') expect(reply.text).toContain(regionName);
      }
      const { text } = app.content.localize(topic.id, lang);
      for (const part of [text.title, text.answer, text.more ?? '', ...(text.questions ?? []).flatMap((q) => [q.q, q.a])]) {
        if (part) expect([topic.id, part.slice(0, 30), scriptShare(part, lang) >= 0.5]).toEqual([topic.id, part.slice(0, 30), true]);
      }
      menu = last(await chat.tap(answer, 'another'));
    }
  });
});
