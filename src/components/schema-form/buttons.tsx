import { TranslatableString, type IconButtonProps, type SubmitButtonProps } from '@rjsf/utils';
import { buttonClass } from '../ui/button.tsx';

/** Inline icons (24×24, stroked): text glyphs render differently per font and read oddly aloud. */
const ICONS = {
  up: 'M12 19V5M5 12l7-7 7 7',
  down: 'M12 5v14M5 12l7 7 7-7',
  remove: 'M6 6l12 12M18 6L6 18',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  clear: 'M6 6l12 12M18 6L6 18',
} as const;

/** The item a toolbar button acts on, from its id (`root_list_2__remove` is item 3): "item 3", else "item". */
const itemOf = (id: string | undefined) => {
  const match = id?.match(/_(\d+)__\w+$/);
  return match ? `item ${Number(match[1]) + 1}` : 'item';
};

type Shape = { label: (item: string) => string; shape: keyof typeof ICONS; danger?: boolean };

function IconButton({ label, shape, danger, ...props }: IconButtonProps & Shape) {
  const { id, onClick, disabled } = props;
  const name = label(itemOf(id));
  return (
    <button
      type="button"
      id={id}
      onClick={onClick}
      disabled={disabled}
      title={name}
      aria-label={name}
      className={`inline-flex size-8 items-center justify-center rounded-md text-sm ring-1 ring-inset ring-slate-300 hover:bg-white disabled:opacity-40 dark:ring-slate-600 dark:hover:bg-slate-700 ${
        danger ? 'text-red-700 dark:text-red-400' : 'text-slate-700 dark:text-slate-200'
      }`}
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={ICONS[shape]} />
      </svg>
    </button>
  );
}

export const ButtonTemplates = {
  // `title`, when the list passes one, names what is added ("Add to Transfer destinations").
  AddButton: ({ id, onClick, disabled, registry, title }: IconButtonProps) => (
    <button type="button" id={id} onClick={onClick} disabled={disabled} className={buttonClass('secondary')}>
      <span aria-hidden>+</span> {title ?? registry.translateString(TranslatableString.AddItemButton)}
    </button>
  ),
  CopyButton: (p: IconButtonProps) => <IconButton {...p} label={(item) => `Duplicate ${item}`} shape="copy" />,
  MoveUpButton: (p: IconButtonProps) => <IconButton {...p} label={(item) => `Move ${item} up`} shape="up" />,
  MoveDownButton: (p: IconButtonProps) => <IconButton {...p} label={(item) => `Move ${item} down`} shape="down" />,
  RemoveButton: (p: IconButtonProps) => <IconButton {...p} label={(item) => `Remove ${item}`} shape="remove" danger />,
  ClearButton: (p: IconButtonProps) => <IconButton {...p} label={() => 'Clear'} shape="clear" />,
  // Saving happens outside the form (with its own checks), so the form renders no submit button.
  SubmitButton: (_props: SubmitButtonProps) => null,
};
