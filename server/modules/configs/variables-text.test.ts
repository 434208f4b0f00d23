import { describe, expect, it } from 'vitest';
import { joinBytes, VariablesText } from './variables-text.ts';

const textOf = (text: VariablesText) => `{${Buffer.from(joinBytes(text.parts())).toString('utf8')}}`;

describe('VariablesText', () => {
  it('reads back as the shallow merge of every write, in its key order, across many blocks', () => {
    const text = new VariablesText();
    let model: Record<string, unknown> = {};
    const write = (key: string, value: unknown) => {
      text.set(key, JSON.stringify(value));
      model = { ...model, [key]: value };
    };
    for (let i = 0; i < 200; i++) write(`key_${i}`, i);
    expect(textOf(text)).toBe(JSON.stringify(model));
    // Rewrites land in place (first, middle, last block), new keys at the end, after the text was already read.
    write('key_0', 'first – changed');
    write('key_100', { nested: ['é', null] });
    write('key_199', null);
    write('added', '🙂');
    expect(textOf(text)).toBe(JSON.stringify(model));
    expect(Object.keys(JSON.parse(textOf(text)))).toEqual(Object.keys(model));
  });

  it('is empty JSON for a page without variables', () => {
    expect(textOf(new VariablesText())).toBe('{}');
  });
});
