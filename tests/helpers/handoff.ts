import type { NewHandoff } from '../../src/handoff/service.js';

/** A complete request as the dialog would make it, with personal data a test can look for. */
export function sampleRequest(userKey = 'directline:dl_user', team = 'krefeld-jobcenter'): NewHandoff {
  return {
    userKey,
    language: 'ar',
    topic: 'furniture',
    region: 'krefeld',
    team,
    age: 'over25',
    residence: 'recognised',
    contact: { method: 'phone', value: '0176 1234567' },
    preferredTimes: 'Vormittags',
    interpreter: { needed: true, language: 'ar' },
    name: 'Amal',
    consent: { version: '2026-11-22', language: 'ar', at: '2026-11-22T09:00:00.000Z' }
  };
}
