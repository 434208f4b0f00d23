import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50 dark:disabled:bg-slate-700 dark:disabled:text-slate-400 shadow-sm',
  secondary:
    'bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:hover:bg-white dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-700 dark:disabled:bg-transparent dark:disabled:text-slate-400 dark:disabled:ring-slate-700 shadow-sm',
  danger:
    'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50 dark:disabled:bg-slate-700 dark:disabled:text-slate-400 shadow-sm',
  ghost: 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
};

// Disabled looks disabled in both themes: in the dark, a dimmed fill alone reads as just another button.
export const buttonClass = (variant: Variant = 'secondary', extra = '') =>
  `inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 disabled:shadow-none ${VARIANTS[variant]} ${extra}`;

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant };

export function Button({ variant = 'secondary', className = '', type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
