import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ContentRepository } from '../content/repository.js';
import { AccountFile, UnknownTeamError } from './accounts.js';
import { teamIds } from './routing.js';

/**
 * Caseworker accounts:
 *   npm run --silent account -- teams                       the team ids, as a JSON array
 *   npm run --silent account -- add --role caseworker --team <id> [--team <id>] --name <name>
 *     one JSON line with the new account and its API token (shown once, stored only hashed)
 */
function main(argv: string[]): number {
  const config = loadConfig();
  const teams = teamIds(ContentRepository.load(config.CONTENT_DIR).regions);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, team: { type: 'string', multiple: true }, name: { type: 'string' } }
  });
  switch (positionals[0]) {
    case 'teams':
      console.log(JSON.stringify(teams));
      return 0;
    case 'add': {
      if (values.role !== 'caseworker') return fail('--role caseworker is required (the only role so far)');
      if (!values.name?.trim()) return fail('--name is required');
      try {
        const { tokenHash: _hash, ...account } = new AccountFile(config.DATA_DIR).add({ name: values.name.trim(), role: 'caseworker', teams: values.team ?? [] }, teams);
        console.log(JSON.stringify(account));
        return 0;
      } catch (e) {
        if (e instanceof UnknownTeamError) return fail(e.message);
        throw e;
      }
    }
    default:
      return fail('usage: account teams | account add --role caseworker --team <id> --name <name>');
  }
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`account: ${(e as Error).message}`);
  process.exitCode = 1;
}
