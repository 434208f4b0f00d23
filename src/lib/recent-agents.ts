/** The agents a user opened lately, most recent first, kept in this browser only. */
const KEY = 'switchboard.recentAgents';
const MAX = 8;

export function readRecentAgents(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberAgent(agentId: string): void {
  const next = [agentId, ...readRecentAgents().filter((id) => id !== agentId)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: remembering is a convenience, never a reason to fail.
  }
}
