import type { ClientEnv } from '../../../contract/agents-api.ts';
import { Badge } from './badge.tsx';

/** Live is always marked as the one callers hear. */
export function EnvBadge({ env }: { env: string }) {
  const tone = env === 'live' ? 'bad' : env === 'pre-release' ? 'warn' : 'info';
  return <Badge tone={tone}>{ENV_LABELS[env as ClientEnv] ?? env}</Badge>;
}

export const ENV_LABELS: Record<ClientEnv, string> = { sandbox: 'Sandbox', 'pre-release': 'Pre-release', live: 'Live' };
