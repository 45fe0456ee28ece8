// The SQL editor: CodeMirror 6 with one editor state per query tab (its own undo history and
// cursor), DuckDB-aware completion, and the workbench's keys: Ctrl/Cmd+Enter runs the selection
// or the statement under the cursor, Shift+Ctrl/Cmd+Enter runs everything, Esc cancels.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import type { WorkbenchCatalogue } from '../../../shared/workbench';
import { errorMarkField, errorSpan, setErrorMark } from './editorError';
import { sqlSupport } from './sqlLanguage';
import { splitStatements, sqlToRun, type StatementRange } from './statements';

export type RunMode = 'statement' | 'all';

export interface SqlEditorHandle {
  /** What Run executes: the selection or the statement at the cursor, or every statement. */
  runTargets(mode: RunMode): StatementRange[];
  insert(text: string): void;
  focus(): void;
  markError(offset: number | null): void;
}

interface SqlEditorProps {
  tabId: string;
  initialSql: string;
  catalogue: WorkbenchCatalogue | null;
  onChange: (tabId: string, sql: string) => void;
  onRun: (mode: RunMode) => void;
  onCancel: () => boolean;
  onSave: () => void;
}

const editorTheme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, monospace", fontSize: '13px', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
});

export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const states = useRef(new Map<string, EditorState>());
  const currentTab = useRef(props.tabId);
  const language = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  const extensions = (catalogue: WorkbenchCatalogue | null): Extension[] => [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    errorMarkField,
    language.current.of(sqlSupport(catalogue)),
    Prec.high(
      keymap.of([
        { key: 'Mod-Enter', run: () => (latest.current.onRun('statement'), true) },
        { key: 'Shift-Mod-Enter', run: () => (latest.current.onRun('all'), true) },
        { key: 'Escape', run: () => latest.current.onCancel() },
        { key: 'Mod-s', run: () => (latest.current.onSave(), true), preventDefault: true },
      ]),
    ),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    placeholder('Write SQL here, e.g. SELECT * FROM main.app_downloads_standard LIMIT 100'),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) latest.current.onChange(currentTab.current, update.state.doc.toString());
    }),
    editorTheme,
  ];

  const stateFor = (tabId: string, sql: string) =>
    states.current.get(tabId) ?? EditorState.create({ doc: sql, extensions: extensions(latest.current.catalogue) });

  useEffect(() => {
    if (host.current === null) return undefined;
    const editor = new EditorView({ state: stateFor(props.tabId, props.initialSql), parent: host.current });
    view.current = editor;
    return () => {
      states.current.set(currentTab.current, editor.state);
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; tabs and catalogue changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || currentTab.current === props.tabId) return;
    states.current.set(currentTab.current, editor.state);
    currentTab.current = props.tabId;
    editor.setState(stateFor(props.tabId, props.initialSql));
    editor.dispatch({ effects: language.current.reconfigure(sqlSupport(latest.current.catalogue)) });
    // initialSql only matters when the tab's state is first created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.tabId]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sqlSupport(props.catalogue)) });
  }, [props.catalogue]);

  useImperativeHandle(ref, () => ({
    runTargets(mode) {
      const editor = view.current;
      if (editor === null) return [];
      const doc = editor.state.doc.toString();
      if (mode === 'all') return splitStatements(doc);
      const { from, to } = editor.state.selection.main;
      const target = sqlToRun(doc, { from, to });
      return target ? [target] : [];
    },
    insert(text) {
      const editor = view.current;
      if (editor === null) return;
      editor.dispatch(editor.state.replaceSelection(text));
      editor.focus();
    },
    focus: () => view.current?.focus(),
    markError(offset) {
      const editor = view.current;
      if (editor === null) return;
      if (offset === null) {
        editor.dispatch({ effects: setErrorMark.of(null) });
        return;
      }
      const span = errorSpan(editor.state.doc.toString(), offset);
      editor.dispatch({ effects: setErrorMark.of(span), selection: { anchor: span.from }, scrollIntoView: true });
    },
  }));

  return <div className="wb-editor" ref={host} />;
});
