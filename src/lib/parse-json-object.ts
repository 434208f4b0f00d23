/** Text typed as JSON, as an object, or where and why it is not (line and column, as the editor counts them). */
import type { JsonObject } from '../../contract/agents-api.ts';

export type ParsedJson =
  { ok: true; value: JsonObject } | { ok: false; message: string; line?: number; column?: number };

export function parseJsonObject(text: string, what = 'This'): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    if (position === undefined) return { ok: false, message };
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    const column = Number(position) - before.lastIndexOf('\n');
    return { ok: false, message: message.replace(/\s*(in JSON )?at position \d+.*$/, ''), line, column };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: `${what} must be a JSON object: { … }` };
  return { ok: true, value: value as JsonObject };
}

export const formatJson = (value: JsonObject) => `${JSON.stringify(value, null, 2)}\n`;
