import type { Request, Response, Server } from 'restify';
import type { AccountFile } from './accounts.js';
import type { Account, HandoffStatus } from './model.js';
import type { HandoffService } from './service.js';
import { TransitionError } from './transitions.js';

const STATUSES: HandoffStatus[] = ['open', 'claimed', 'scheduled', 'closed'];

// Returns nothing: restify logs whatever an async handler returns, headers (tokens) and all.
const error = (res: Response, status: number, code: string, message: string): void => {
  res.send(status, { error: { code, message } });
};

/**
 * The caseworker API. Every call needs `Authorization: Bearer <token>` (from `npm run account`);
 * a caseworker sees only their teams' requests: another team's request is 404, never leaked.
 */
export function registerHandoffApi(server: Server, handoffs: HandoffService, accounts: AccountFile): void {
  const caller = (req: Request, res: Response): Account | undefined => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const account = accounts.authenticate(token);
    if (!account) error(res, 401, 'Unauthorized', 'A valid caseworker token is required');
    return account;
  };
  const own = (account: Account, reference: string) => handoffs.forTeamsOne(reference, account.teams);

  server.get('/api/handoffs', async (req: Request, res: Response) => {
    const account = caller(req, res);
    if (account) res.send(await handoffs.forTeams(account.teams));
  });

  server.get('/api/handoffs/:reference', async (req: Request, res: Response) => {
    const account = caller(req, res);
    if (!account) return;
    const found = await own(account, req.params.reference);
    if (found) res.send(found);
    else error(res, 404, 'NotFound', 'No such request');
  });

  server.post('/api/handoffs/:reference/status', async (req: Request, res: Response) => {
    const account = caller(req, res);
    if (!account) return;
    if (!(await own(account, req.params.reference))) {
      error(res, 404, 'NotFound', 'No such request');
      return;
    }
    const to = (req.body as { status?: unknown } | undefined)?.status;
    if (!STATUSES.includes(to as HandoffStatus)) {
      error(res, 400, 'BadRequest', `status must be one of ${STATUSES.join(', ')}`);
      return;
    }
    try {
      const changed = await handoffs.change(req.params.reference, to as HandoffStatus, 'caseworker');
      res.send({ reference: changed!.reference, status: changed!.status });
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      error(res, 409, 'Conflict', e.message);
    }
  });
}
