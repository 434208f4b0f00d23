import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import type { FieldError } from '../../../contract/agents-api.ts';
import { useDarkMode } from '../../lib/use-dark-mode.ts';
import { rangeOfPointer } from './pointer-range.ts';

type Props = {
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** Errors found in the document's content (a schema check), by JSON Pointer: marked at their line. */
  problems?: readonly FieldError[];
};

const parseLinter = jsonParseLinter();
const NO_PROBLEMS: readonly FieldError[] = [];
/** Dispatched when new content problems arrive, so the linter runs again although the text did not change. */
const problemsArrived = StateEffect.define<null>();

/** Syntax errors first; only a document that parses gets its content problems placed by path. */
function diagnosticsOf(view: EditorView, problems: readonly FieldError[]): Diagnostic[] {
  const syntax = parseLinter(view);
  if (syntax.length > 0 || problems.length === 0) return syntax;
  const text = view.state.doc.toString();
  const tree = jsonLanguage.parser.parse(text);
  return problems.map((problem) => ({
    ...rangeOfPointer(tree, text, problem.path),
    severity: 'error',
    source: 'schema',
    message: `${problem.path || '(root)'}: ${problem.message}`,
  }));
}

/**
 * CodeMirror 6 for JSON: syntax errors marked at their line, undo/redo, search (Ctrl/Cmd+F), bracket matching.
 * It lives in a shadow root: there CodeMirror adopts constructed style sheets instead of injecting <style> tags,
 * which the console's Content-Security-Policy (`style-src 'self'`) rightly refuses.
 */
/**
 * One Dark with the two colours that miss WCAG AA contrast on its background (4.5:1) brightened: property names
 * (coral, 4.1:1) and the gutter's line numbers (stone, 3.9:1). Everything else is One Dark as published.
 */
// Listed before One Dark: in CodeMirror an earlier extension takes precedence.
const darkTheme = [
  EditorView.theme({ '.cm-gutters': { color: '#9aa3b5' } }, { dark: true }),
  syntaxHighlighting(HighlightStyle.define([{ tag: [tags.propertyName, tags.name], color: '#ff9aa2' }])),
  oneDark,
];

export function JsonEditor({ value, onChange, label, problems = NO_PROBLEMS }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null);
  const latest = useRef(onChange);
  const theme = useRef(new Compartment());
  const dark = useDarkMode();
  const latestProblems = useRef(problems);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    latestProblems.current = problems;
    view.current?.dispatch({ effects: problemsArrived.of(null) });
  }, [problems]);

  useEffect(() => {
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    shadow.replaceChildren(parent);
    view.current = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          json(),
          linter((editor) => diagnosticsOf(editor, latestProblems.current), {
            delay: 300,
            needsRefresh: (update) =>
              update.transactions.some((tr) => tr.effects.some((effect) => effect.is(problemsArrived))),
          }),
          lintGutter(),
          EditorView.lineWrapping,
          // An explicit tabindex: it is focusable anyway (contenteditable), but checkers only trust a declared one.
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          EditorView.theme({
            '&': { height: 'min(65vh, 48rem)', fontSize: '13px' },
            '.cm-scroller': { overflow: 'auto' },
          }),
          theme.current.of(dark ? darkTheme : []),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- created once; value and theme are pushed in below

  // Text set from outside (format, discard, after a save) replaces the document; typing round-trips unchanged.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(dark ? darkTheme : []) });
  }, [dark]);

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-lg border border-slate-300 bg-white dark:border-slate-700 dark:bg-[#282c34]"
    />
  );
}
