/** The connectors and phone-number lists' state in the URL (search, filters, sort, grouping), so a view can be shared. */
import { isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';
import { CONNECTOR_ISSUES, NUMBER_ISSUES, type ConnectorIssue, type NumberIssue } from './health.ts';

export type Sort = { id: string; desc: boolean };

export type ConnectorView = {
  q: string;
  env?: ClientEnv;
  /** Matches the ASR or the TTS language. */
  lang?: string;
  voice?: string;
  handoff?: 'enabled' | 'disabled';
  health?: ConnectorIssue | 'any';
  sort?: Sort;
  groupByEnv: boolean;
};

export type NumberView = { q: string; env?: ClientEnv; health?: NumberIssue | 'any'; sort?: Sort };

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const readSort = (value: string | null): Sort | undefined =>
  value ? { id: value.replace(/^-/, ''), desc: value.startsWith('-') } : undefined;
const writeSort = (sort: Sort | undefined) => (sort ? `${sort.desc ? '-' : ''}${sort.id}` : undefined);

const readEnv = (value: string | null) => (value && isClientEnv(value) ? value : undefined);

export function readConnectorView(params: URLSearchParams): ConnectorView {
  return {
    q: params.get('q') ?? '',
    env: readEnv(params.get('env')),
    lang: params.get('lang') || undefined,
    voice: params.get('voice') || undefined,
    handoff: oneOf(params.get('handoff'), ['enabled', 'disabled'] as const),
    health: oneOf(params.get('health'), ['any', ...(Object.keys(CONNECTOR_ISSUES) as ConnectorIssue[])]),
    sort: readSort(params.get('sort')),
    groupByEnv: params.get('group') === 'env',
  };
}

export function readNumberView(params: URLSearchParams): NumberView {
  return {
    q: params.get('q') ?? '',
    env: readEnv(params.get('env')),
    health: oneOf(params.get('health'), ['any', ...(Object.keys(NUMBER_ISSUES) as NumberIssue[])]),
    sort: readSort(params.get('sort')),
  };
}

/** Only set values are written, in a stable order, so equal views have equal URLs. */
export function writeView(view: Partial<Omit<ConnectorView, 'health'>> & { health?: string }): URLSearchParams {
  const entries: [string, string | undefined][] = [
    ['q', view.q || undefined],
    ['env', view.env],
    ['lang', view.lang],
    ['voice', view.voice],
    ['handoff', view.handoff],
    ['health', view.health],
    ['sort', writeSort(view.sort)],
    ['group', view.groupByEnv ? 'env' : undefined],
  ];
  return new URLSearchParams(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}
