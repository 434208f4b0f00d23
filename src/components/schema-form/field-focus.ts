/**
 * From a validation error to the field that shows it. rjsf names an error's place `.business_hours.weekday_close`
 * (the instance path with dots; a missing property is appended) and gives that field the id
 * `root_business_hours_weekday_close`.
 */
export const errorPath = (property = '') => property.replace(/^\./, '').split('.').filter(Boolean);

export const fieldIdOf = (property = '') => ['root', ...errorPath(property)].join('_');

/** Focuses the input with `id`, or the first input inside it or starting with it (an object, an array, a branch). */
export function focusField(id: string) {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    const input = element?.matches('input, select, textarea, button')
      ? element
      : (element?.querySelector<HTMLElement>('input, select, textarea, button') ??
        document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}"]:is(input, select, textarea, button)`));
    input?.focus();
  });
}
