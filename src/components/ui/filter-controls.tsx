import type { ReactNode } from 'react';

const control =
  'mt-1 block rounded-md border-0 bg-white py-1.5 pl-2.5 pr-8 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700';

type SelectProps = {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  all: string;
  children: ReactNode;
};

/** A labelled filter whose empty choice means "no filter". */
export function FilterSelect({ id, label, value, onChange, all, children }: SelectProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} className={control}>
        <option value="">{all}</option>
        {children}
      </select>
    </div>
  );
}

export function SearchBox({
  id,
  label,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="min-w-56 flex-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className={`${control} w-full pr-2.5`}
      />
    </div>
  );
}
