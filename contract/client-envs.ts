/** The three environments of every agent. Plain values, no schema library: the browser imports this. */
export const CLIENT_ENVS = ['sandbox', 'pre-release', 'live'] as const;
export type ClientEnv = (typeof CLIENT_ENVS)[number];

export function isClientEnv(value: string): value is ClientEnv {
  return (CLIENT_ENVS as readonly string[]).includes(value);
}
