import { Type } from '@sinclair/typebox';

/**
 * Text people typed: lines and tabs, but no other control character (none is typed, and Postgres text cannot hold
 * NUL: such a value is refused here rather than failing when stored).
 */
export const TypedText = (options: { minLength?: number; maxLength: number }) =>
  Type.String({ ...options, pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$' });
