/** Health checks that answer "why does this line misbehave?" before anyone has to ask. */
import type { Connector, PhoneNumber } from '../../../contract/agents-api.ts';

export type ConnectorIssue = 'language-mismatch' | 'no-numbers' | 'number-env-mismatch';
export type NumberIssue = 'no-connector' | 'env-mismatch';

export const CONNECTOR_ISSUES: Record<ConnectorIssue, string> = {
  'language-mismatch': 'ASR ≠ voice language',
  'no-numbers': 'No phone numbers',
  'number-env-mismatch': 'Numbers in another environment',
};

export const NUMBER_ISSUES: Record<NumberIssue, string> = {
  'no-connector': 'No connector',
  'env-mismatch': 'Environment differs from its connector',
};

/** Callers are understood in one locale and answered in another: en-GB recognition with an en-US voice counts too. */
export const languageMismatch = (connector: Connector) =>
  connector.ttsLangCode !== '' && connector.asrLangCode.toLowerCase() !== connector.ttsLangCode.toLowerCase();

export function numberIssues(number: PhoneNumber, connector: Connector | undefined): NumberIssue[] {
  if (!number.connectorId || !connector) return ['no-connector'];
  return connector.clientEnv === number.clientEnv ? [] : ['env-mismatch'];
}

/** What is wrong with a connector, given the numbers it answers (`undefined`: not known yet, so not judged). */
export function connectorIssuesOf(connector: Connector, own: readonly PhoneNumber[] | undefined): ConnectorIssue[] {
  const issues: ConnectorIssue[] = [];
  if (languageMismatch(connector)) issues.push('language-mismatch');
  if (own && own.length === 0) issues.push('no-numbers');
  if (own?.some((n) => n.clientEnv !== connector.clientEnv)) issues.push('number-env-mismatch');
  return issues;
}

export type TelephonyIndex = {
  numbersOf: Map<string, PhoneNumber[]>;
  connectorIssues: Map<string, ConnectorIssue[]>;
  numberIssues: Map<string, NumberIssue[]>;
};

/** Numbers per connector and every issue, computed once per data change (thousands of rows read them). */
export function indexTelephony(connectors: readonly Connector[], numbers: readonly PhoneNumber[]): TelephonyIndex {
  const byId = new Map(connectors.map((c) => [c.connectorId, c]));
  const numbersOf = new Map<string, PhoneNumber[]>();
  const numberIssuesMap = new Map<string, NumberIssue[]>();
  for (const number of numbers) {
    const connector = number.connectorId ? byId.get(number.connectorId) : undefined;
    numberIssuesMap.set(number.number, numberIssues(number, connector));
    if (connector) {
      const list = numbersOf.get(connector.connectorId);
      if (list) list.push(number);
      else numbersOf.set(connector.connectorId, [number]);
    }
  }
  const connectorIssues = new Map<string, ConnectorIssue[]>();
  for (const connector of connectors) {
    connectorIssues.set(
      connector.connectorId,
      connectorIssuesOf(connector, numbersOf.get(connector.connectorId) ?? []),
    );
  }
  return { numbersOf, connectorIssues, numberIssues: numberIssuesMap };
}
