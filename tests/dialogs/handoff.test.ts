import type { LanguageCode } from '../../src/i18n/languages.js';
import { testApp } from '../helpers/app.js';
import { Chat, last, type Reply } from '../helpers/chat.js';
import { scriptShare } from '../helpers/script.js';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.dispose());

/** Language, region Krefeld, then the appointment topic's "ask for an appointment" button. */
async function startRequest(chat: Chat, lang: LanguageCode): Promise<Reply> {
  const regions = last(await chat.tap(last(await chat.start()), lang));
  const menu = last(await chat.tap(regions, 'krefeld'));
  const appointment = last(await chat.tap(menu, 'appointment'));
  return last(await chat.tap(appointment, 'handoff'));
}

/** Age, status, consent: returns the contact question. */
async function toContact(chat: Chat, lang: LanguageCode): Promise<Reply> {
  const age = await startRequest(chat, lang);
  const status = last(await chat.tap(age, 'over25'));
  const consent = last(await chat.tap(status, 'recognised'));
  return last(await chat.tap(consent, 'agree'));
}

describe.each(['de', 'ar', 'ti'] as const)('a request for a caseworker in %s', (lang) => {
  test('responsible office, consent, contact by phone, times, interpreter, name, summary → reference on disk', async () => {
    const chat = new Chat(app.bot, `handoff-${lang}`);
    const age = await startRequest(chat, lang);
    expect(age.buttons.map((b) => Object.values(b.value as object)[0])).toEqual(['under25', 'over25']);
    const status = last(await chat.tap(age, 'over25'));
    const consentReplies = await chat.tap(status, 'recognised');
    expect(consentReplies[0].text).toContain('Jobcenter Krefeld');
    const consent = last(consentReplies);
    expect(consent.text).toContain('/privacy');
    if (lang !== 'de') expect(scriptShare(consent.text, lang)).toBeGreaterThan(0.5);

    const contact = last(await chat.tap(consent, 'agree'));
    const phone = last(await chat.tap(contact, 'phone'));
    const times = last(await chat.say('0176 1234567'));
    const next = last(await chat.tap(times, 'morning'));
    const name = lang === 'de' ? next : last(await chat.tap(next, 'yes')); // German speakers need no interpreter
    const summary = last(await chat.say('Amal'));
    expect(summary.text).toContain('0176 1234567');
    expect(summary.text).toContain('Amal');
    const done = await chat.tap(summary, 'send');
    const reference = done.map((r) => r.text.match(/IP-[A-Z0-9]{4}/)?.[0]).find(Boolean)!;
    expect(reference).toBeDefined();
    // A contact-centre channel can take over: the standard handoff event with the routing context.
    const initiate = done.find((r) => r.name === 'handoff.initiate');
    expect(initiate?.value).toEqual(expect.objectContaining({ reference, team: 'krefeld-jobcenter', region: 'krefeld', language: lang }));

    const stored = await app.store.getHandoff(reference);
    expect(stored).toEqual(
      expect.objectContaining({
        status: 'open', team: 'krefeld-jobcenter', region: 'krefeld', language: lang, topic: 'appointment',
        contact: { method: 'phone', value: '0176 1234567' }, name: 'Amal',
        interpreter: lang === 'de' ? { needed: false } : { needed: true, language: lang },
        consent: expect.objectContaining({ language: lang, version: expect.any(String) })
      })
    );
    expect(phone.text.length).toBeGreaterThan(0);
  });
});

describe('privacy and bad input', () => {
  test('declining consent stores nothing and goes back to the menu', async () => {
    const chat = new Chat(app.bot, 'handoff-decline');
    const age = await startRequest(chat, 'de');
    const consent = last(await chat.tap(last(await chat.tap(age, 'under25')), 'asylum'));
    const before = JSON.stringify(await app.store.listHandoffs({}));
    const replies = await chat.tap(consent, 'decline');
    expect(replies[0].text).toMatch(/nichts gespeichert/);
    expect(last(replies).buttons.some((b) => (b.value as { choice?: string }).choice === 'clothing')).toBe(true);
    expect(JSON.stringify(await app.store.listHandoffs({}))).toBe(before);
    expect(await app.store.listHandoffs({ userKey: 'test:handoff-decline' })).toEqual([]);
  });

  test('an invalid phone number and an invalid email get a clear re-prompt, never a crash', async () => {
    const chat = new Chat(app.bot, 'handoff-invalid');
    const contact = await toContact(chat, 'de');
    await chat.tap(contact, 'phone');
    const retry = last(await chat.say('meine nummer ist geheim'));
    expect(retry.text).toMatch(/Telefonnummer kann ich nicht lesen/);
    await chat.say('menü');
    const again = await toContact(new Chat(app.bot, 'handoff-invalid-2'), 'en');
    expect(again.buttons.length).toBe(3);
  });

  test('an invalid email is asked again in the person\'s language', async () => {
    const chat = new Chat(app.bot, 'handoff-email');
    const contact = await toContact(chat, 'en');
    await chat.tap(contact, 'email');
    expect(last(await chat.say('ahmad at gmail')).text).toMatch(/cannot read this email/);
    const times = last(await chat.say('ahmad.k@example.de'));
    expect(times.buttons.map((b) => (b.value as { choice: string }).choice)).toEqual(['morning', 'afternoon', 'any']);
  });

  test('Persian digits in a phone number are read correctly', async () => {
    const chat = new Chat(app.bot, 'handoff-fa-digits');
    const contact = await toContact(chat, 'fa');
    await chat.tap(contact, 'phone');
    const times = last(await chat.say('شماره من ۰۱۷۶ ۱۲۳ ۴۵۶۷ است'));
    const name = last(await chat.tap(last(await chat.tap(times, 'afternoon')), 'no'));
    const summary = last(await chat.tap(name, 'skip'));
    expect(summary.text).toContain('0176 123 4567');
  });

  test('status, cancel and delete my data work later, typed in any language', async () => {
    const chat = new Chat(app.bot, 'handoff-later');
    const contact = await toContact(chat, 'de');
    const times = last(await chat.tap(contact, 'chat'));
    const name = last(await chat.tap(times, 'any'));
    const summary = last(await chat.tap(name, 'skip'));
    const reference = (await chat.tap(summary, 'send')).map((r) => r.text.match(/IP-[A-Z0-9]{4}/)?.[0]).find(Boolean)!;

    expect((await chat.say('Status'))[0].text).toContain(reference);
    const cancelled = await chat.say('cancel my request');
    expect(cancelled[0].text).toContain(reference);
    expect((await app.store.getHandoff(reference))?.status).toBe('cancelled');

    // "Delete my data" typed in Arabic while the person chose German.
    const arabic = (await import('../../src/i18n/i18n.js')).createI18n('locales').getFixedT('ar')('commands.delete').split('|');
    const confirm = last(await chat.say(arabic[0]));
    const deleted = await chat.tap(confirm, 'delete');
    expect(deleted[0].text).toMatch(/gelöscht/); // in the person's language, German
    expect(await app.store.getHandoff(reference)).toBeUndefined();
    expect(await app.store.getProfile('test:handoff-later')).toBeUndefined();
    expect(await chat.stateSize(app.store)).toBe(2); // "{}": no conversation state left
  });

  test('the responsibility check is reachable from the office topic on its own', async () => {
    const chat = new Chat(app.bot, 'handoff-office');
    const regions = last(await chat.tap(last(await chat.start()), 'de'));
    const menu = last(await chat.tap(regions, 'krefeld'));
    const office = last(await chat.tap(menu, 'office'));
    const age = last(await chat.tap(office, 'responsible'));
    const status = last(await chat.tap(age, 'under25'));
    const result = await chat.tap(status, 'recognised');
    expect(result[0].text).toMatch(/Agentur für Arbeit Krefeld/);
    expect(await app.store.listHandoffs({ userKey: 'test:handoff-office' })).toEqual([]);
  });
});
