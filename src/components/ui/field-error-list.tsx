import type { FieldError } from '../../../contract/agents-api.ts';

/** Schema or server field errors as a list: where (a JSON Pointer, or the root) and why, as text. */
export function FieldErrorList({
  errors,
  label,
  className = 'mt-1',
}: {
  errors: FieldError[];
  label?: string;
  className?: string;
}) {
  return (
    <ul aria-label={label} className={`list-disc pl-5 ${className}`}>
      {errors.map((e, i) => (
        <li key={i}>
          <code>{e.path || '(root)'}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
