import type { Region } from '../content/schema.js';
import type { AgeBand, ResidenceStatus } from './model.js';

/** Which office is responsible, and the team that receives the request. */
export interface Route {
  office: 'agentur' | 'jobcenter' | 'integrationPoint';
  team: string;
  teamName: string;
  /** The person did not know their status: the team has to check responsibility itself. */
  unknownStatus: boolean;
}

/**
 * Who is responsible (PRODUCT.md): during the asylum procedure and with a toleration the Agentur
 * für Arbeit counsels on work; after recognition, and with Ukrainian temporary protection, the
 * Jobcenter (SGB II); in Krefeld recognised people under 25 go to the Agentur. "I don't know"
 * goes to the region's Integration Point team with a note to check.
 */
export function route(region: Region, age: AgeBand, status: ResidenceStatus): Route {
  const office: Route['office'] =
    status === 'unknown'
      ? 'integrationPoint'
      : status === 'asylum' || status === 'toleration'
        ? 'agentur'
        : age === 'under25' && region.under25ToAgentur
          ? 'agentur'
          : 'jobcenter';
  const team = region.teams[office];
  return {
    office,
    team: team.id,
    teamName: team.name,
    unknownStatus: status === 'unknown'
  };
}

/** Every team id in the content, for account management. */
export function teamIds(regions: readonly Region[]): string[] {
  return regions.flatMap((r) => Object.values(r.teams).map((t) => t.id));
}
