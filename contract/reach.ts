/**
 * What a write reaches: every (agent, environment) whose calls it can change — a page's own, each connector of a
 * batch in its environment, a connector's new agent, both ends of a number's move — and the agents it changes. One
 * truth for who may make it, which approval rule holds it, and who may approve it (server and console alike; plain
 * TypeScript, the browser imports it). Worked out by server/writes/reach.ts.
 */
import { mayView, mayWrite, mayWriteTelephony, type Me } from './access-rules.ts';
import type { ClientEnv } from './client-envs.ts';
import { policyFor, type ChangePolicy } from './change-request-values.ts';

export type Place = { agentId: string; clientEnv: ClientEnv };

export type Reach = {
  /** Every agent the write changes (a connector moved to another agent changes both). */
  agents: string[];
  /** Every (agent, environment) whose calls it can change. */
  places: Place[];
  /** Connectors or numbers: its author needs the editor role on every environment of each agent. */
  telephony: boolean;
};

export const placeName = ({ agentId, clientEnv }: Place) => `${clientEnv} of ${agentId}`;

/** The reach with each agent and place once, in a stable order. */
export function reachOf(agents: string[], places: Place[], telephony: boolean): Reach {
  const unique = new Map(places.map((place) => [`${place.agentId}\u0000${place.clientEnv}`, place]));
  return {
    agents: [...new Set(agents)].sort(),
    places: [...unique.values()].sort((a, b) => placeName(a).localeCompare(placeName(b))),
    telephony,
  };
}

/** Why `me` may not make this write (as its author, or by applying it), or undefined when they may. */
export function whyNotMake(me: Me, reach: Reach): string | undefined {
  for (const agentId of reach.agents) if (!mayView(me, agentId)) return `You have no access to agent ${agentId}`;
  if (reach.telephony) {
    const agent = reach.agents.find((agentId) => !mayWriteTelephony(me, agentId));
    return (
      agent && `Changing connectors or phone numbers of ${agent} needs the editor role on all three of its environments`
    );
  }
  const place = reach.places.find((p) => !mayWrite(me, p.agentId, p.clientEnv));
  return place && `Your role does not allow changes to ${placeName(place)}`;
}

/** Why `me` may not approve (or decline) a write of this reach: the editor role is needed on every place it reaches. */
export function whyNotApprove(me: Me, reach: Reach): string | undefined {
  const place = reach.places.find((p) => !mayWrite(me, p.agentId, p.clientEnv));
  return place && `Approving this needs the editor role on ${placeName(place)}, which it changes`;
}

/**
 * The rule a write must satisfy: of the rules of every place it reaches, the one needing the most approvals (the
 * first reached on a tie); undefined when no place has one.
 */
export function strictestRule(
  policies: ChangePolicy[],
  places: Place[],
): { place: Place; policy: ChangePolicy } | undefined {
  let strictest: { place: Place; policy: ChangePolicy } | undefined;
  for (const place of places) {
    const policy = policyFor(policies, place.agentId, place.clientEnv);
    if (policy && (!strictest || policy.approvals > strictest.policy.approvals)) strictest = { place, policy };
  }
  return strictest;
}
