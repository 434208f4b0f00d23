import type { Grant } from '../../../contract/access-rules.ts';
import { ENV_LABELS } from '../../components/ui/env-badge.tsx';

/** A grant in words: "Editor of sandbox, on every agent". */
export function grantInWords(grant: Grant, agentName?: (agentId: string) => string | undefined): string {
  const role = grant.role === 'editor' ? 'Editor' : 'Viewer';
  const where = grant.clientEnv ? `of ${ENV_LABELS[grant.clientEnv].toLowerCase()}` : 'of every environment';
  const agent = grant.agentId ? `on ${agentName?.(grant.agentId) ?? grant.agentId}` : 'on every agent';
  return `${role} ${where}, ${agent}`;
}
