import { describe, expect, test } from 'vitest';
import { jsonLanguage } from '@codemirror/lang-json';
import { rangeOfPointer } from './pointer-range.ts';

const text = JSON.stringify(
  { greeting: 'hi', hours: { close: '25:00' }, list: [{ label: 'a' }, { label: '' }] },
  null,
  2,
);
const lineOf = (pointer: string) => {
  const { from } = rangeOfPointer(jsonLanguage.parser.parse(text), text, pointer);
  return text.slice(0, from).split('\n').length;
};

describe('rangeOfPointer', () => {
  test('finds a nested property and an array item at their lines', () => {
    expect(lineOf('/hours/close')).toBe(4);
    expect(lineOf('/list/1/label')).toBe(11);
    expect(text.split('\n')[3]).toContain('"close"');
  });

  test('a path that is not in the text is marked where it stops: the object missing the property', () => {
    expect(lineOf('/hours/open')).toBe(3);
  });

  test('the root error marks the start of the document', () => {
    expect(lineOf('')).toBe(1);
  });
});
