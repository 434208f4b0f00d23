import { TranslatableString, type IconButtonProps, type SubmitButtonProps } from '@rjsf/utils';
import { buttonClass } from '../ui/button.tsx';

function IconButton({ label, glyph, danger, ...props }: IconButtonProps & { label: string; glyph: string; danger?: boolean }) {
  const { id, onClick, disabled, title } = props;
  return (
    <button
      type="button"
      id={id}
      onClick={onClick}
      disabled={disabled}
      title={title ?? label}
      aria-label={title ?? label}
      className={`inline-flex size-8 items-center justify-center rounded-md text-sm ring-1 ring-inset ring-slate-300 hover:bg-white disabled:opacity-40 dark:ring-slate-600 dark:hover:bg-slate-700 ${
        danger ? 'text-red-700 dark:text-red-400' : 'text-slate-700 dark:text-slate-200'
      }`}
    >
      <span aria-hidden>{glyph}</span>
    </button>
  );
}

export const ButtonTemplates = {
  AddButton: ({ id, onClick, disabled, registry }: IconButtonProps) => (
    <button type="button" id={id} onClick={onClick} disabled={disabled} className={buttonClass('secondary')}>
      <span aria-hidden>+</span> {registry.translateString(TranslatableString.AddItemButton)}
    </button>
  ),
  CopyButton: (p: IconButtonProps) => <IconButton {...p} label="Duplicate item" glyph="⧉" />,
  MoveUpButton: (p: IconButtonProps) => <IconButton {...p} label="Move item up" glyph="↑" />,
  MoveDownButton: (p: IconButtonProps) => <IconButton {...p} label="Move item down" glyph="↓" />,
  RemoveButton: (p: IconButtonProps) => <IconButton {...p} label="Remove item" glyph="✕" danger />,
  ClearButton: (p: IconButtonProps) => <IconButton {...p} label="Clear" glyph="✕" />,
  // Saving happens outside the form (with its own checks), so the form renders no submit button.
  SubmitButton: (_props: SubmitButtonProps) => null,
};
