/**
 * A write as Switchboard reasons about it: what it changes, whatever brought it (a `/v1` request in either mode, an
 * approved change request). Each write endpoint of the contract says which (./endpoints.ts); what a write reaches is
 * worked out from it (server/writes/reach.ts).
 */
export type ConnectorChanges = {
  variantId?: string | null;
  asrLangCode?: string;
  voiceName?: string;
  projectId?: string;
};

export type Write =
  | { kind: 'variables'; agentId: string; clientEnv: string; variables: Record<string, unknown> }
  | { kind: 'schema'; agentId: string; clientEnv: string; schema: Record<string, unknown> }
  | { kind: 'connector'; agentId: string; connectorId: string; changes: ConnectorChanges }
  | { kind: 'connector-delete'; agentId: string; connectorId: string }
  | { kind: 'connector-batch'; agentId: string; updates: ({ connectorId: string } & ConnectorChanges)[] }
  | { kind: 'phone-number-move'; agentId: string; phoneNumber: string; connectorId: string }
  | { kind: 'number-import'; agentId: string; numbers: string[]; clientEnv: string }
  | { kind: 'number-release'; agentId: string; numbers: string[] };
