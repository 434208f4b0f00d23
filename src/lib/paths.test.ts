import { matchPath } from 'react-router';
import { expect, test } from 'vitest';
import { paths, ROUTES } from './paths.ts';

test('every link encodes its ids once, and the route it leads to matches it back to the same ids', () => {
  const agentId = 'PROJECT A/β?#';
  const connectorId = 'conn 1%';
  const links: [string, string][] = [
    [paths.agent(agentId), ROUTES.overview],
    [paths.editor(agentId, 'pre-release'), ROUTES.editor],
    [paths.schemaEditor(agentId, 'live'), ROUTES.schemaEditor],
    [paths.compare(agentId), ROUTES.compare],
    [paths.connectors(agentId), ROUTES.connectors],
    [paths.connector(agentId, connectorId), ROUTES.connector],
    [paths.phoneNumbers(agentId), ROUTES.phoneNumbers],
  ];
  for (const [link, route] of links) {
    const params = matchPath(route, link)?.params;
    expect(params?.agentId && decodeURIComponent(params.agentId), link).toBe(agentId);
  }
  expect(paths.connector(agentId, connectorId, '+442079460100')).toBe(
    '/agents/PROJECT%20A%2F%CE%B2%3F%23/connectors/conn%201%25?number=%2B442079460100',
  );
  expect(paths.compare('A', new URLSearchParams({ show: 'differences' }))).toBe('/agents/A/compare?show=differences');
});
