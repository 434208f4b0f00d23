// @vitest-environment node
import { expect, test } from 'vitest';
import type { WebhookPayload } from '../../../contract/webhooks.ts';
import { announceLiveChanges, slackText, type Announce } from './webhooks.ts';

test('a change to live made elsewhere is told as such; other environments and unknown outcomes are not', () => {
  const told: [string, Omit<WebhookPayload, 'event' | 'at'>][] = [];
  const announce: Announce = async (event, payload) => void told.push([event, payload]);
  const tell = announceLiveChanges(announce);
  tell(
    {
      agentId: 'A',
      clientEnv: 'live',
      kind: 'external',
      outcome: 'applied',
      changes: [{ key: 'k', before: 1, after: 2 }],
    },
    '7',
  );
  tell(
    { agentId: 'A', clientEnv: 'sandbox', kind: 'variables', outcome: 'applied', changes: [{ key: 'k', after: 2 }] },
    '8',
  );
  tell(
    { agentId: 'A', clientEnv: 'live', kind: 'variables', outcome: 'unknown', changes: [{ key: 'k', after: 2 }] },
    '9',
  );
  expect(told).toEqual([
    [
      'live.changed-outside',
      {
        agentId: 'A',
        clientEnv: 'live',
        changes: [{ key: 'k', before: 1, after: 2 }],
        summary: 'Live of A changed outside Switchboard: 1 key (history entry 7)',
      },
    ],
  ]);
});

test('the Slack message is one line per key, long values shortened, at most twenty keys', () => {
  const changes = Array.from({ length: 22 }, (_, i) => ({ key: `k${i}`, before: 'x'.repeat(200), after: i }));
  const text = slackText({
    event: 'live.changed',
    at: '',
    summary: 'Live of A changed',
    agentId: 'A',
    note: 'Why\nbecause',
    changes,
  });
  const lines = text.split('\n');
  expect(lines.slice(0, 3)).toEqual(['*Live of A changed*', '> Why', '> because']);
  expect(lines[3]).toBe(`• \`k0\`: "${'x'.repeat(116)}… → 0`);
  expect(lines.at(-1)).toBe('…and 2 more');
});
