import { describe, expect, test } from 'vitest';
import { parseJsonObject } from './parse-json-object.ts';

describe('parseJsonObject', () => {
  test('an object parses', () => {
    expect(parseJsonObject('{ "type": "object" }')).toEqual({ ok: true, value: { type: 'object' } });
  });
  test.each([
    ['a missing comma on line 3', '{\n  "type": "object"\n  "title": "x"\n}', 3, 3],
    ['a trailing comma', '{\n  "a": 1,\n}', 3, 1],
  ])('%s is placed at its line and column', (_name, text, line, column) => {
    const parsed = parseJsonObject(text);
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({ line, column });
    expect(!parsed.ok && parsed.message).not.toMatch(/position/);
  });
  test.each([
    ['an array', '[]'],
    ['a string', '"schema"'],
    ['null', 'null'],
  ])('%s is not a schema', (_name, text) => {
    expect(parseJsonObject(text, 'A schema')).toEqual({ ok: false, message: 'A schema must be a JSON object: { … }' });
  });
});
