// The SQL workbench: catalogue, history and saved queries on the side; query tabs with the editor
// above the results. Runs go to main, which keeps each result and serves it page by page.
import { useCallback, useEffect, useRef, useState } from 'react';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { Loading } from '../../components/States';
import { CataloguePanel } from './CataloguePanel';
import type { QueryTab } from '../../../shared/workbench';
import type { ChartConfig } from './chartConfig';
import { HistoryPanel } from './HistoryPanel';
import { ResultsPanel, type ResultView } from './ResultsPanel';
import { SavedPanel } from './SavedPanel';
import { SaveQueryForm } from './SaveQueryForm';
import { saveQueryConfirmed } from './saveQuery';
import { SqlEditor, type RunMode, type SqlEditorHandle } from './SqlEditor';
import { offsetOf, splitStatements } from './statements';
import { TabBar } from './TabBar';
import { useSelectedApp } from '../../app/selectedApp';
import { useCatalogue } from './useCatalogue';
import { useTabRuns } from './useTabRuns';
import { useUnsavedTabs } from './useUnsavedTabs';
import { useWorkbenchTabs } from './useWorkbenchTabs';
import { EditorSplitter } from './EditorSplitter';
import { ImportPanel } from './ImportPanel';
import { nextToast, Toast, type ToastMessage } from './Toast';
import { useParameterFill } from '../myDashboard/useParameterFill';
import './workbench.css';

type SidePanel = 'catalogue' | 'data' | 'history' | 'saved';
const SIDE_PANELS: { id: SidePanel; label: string }[] = [
  { id: 'catalogue', label: 'Catalogue' },
  { id: 'data', label: 'Data' },
  { id: 'history', label: 'History' },
  { id: 'saved', label: 'Saved' },
];

/** SQL another section asks to open (e.g. an instance's rows); `nonce` tells two identical requests apart. */
export interface WorkbenchRequest {
  sql: string;
  nonce: number;
}

const HANDLED_REQUEST = 'orchard.workbench.handledRequest';
const NO_TABS: QueryTab[] = [];

export function WorkbenchPage({ request = null }: { request?: WorkbenchRequest | null }) {
  const client = useClient();
  const tabs = useWorkbenchTabs(client);
  const runs = useTabRuns(client);
  const { catalogue, error: catalogueError, loading: catalogueLoading, reload: reloadCatalogue } = useCatalogue(client, useSelectedApp().appId);
  const editor = useRef<SqlEditorHandle>(null);
  const fillParameters = useParameterFill();
  const [side, setSide] = useState<SidePanel>('catalogue');
  const [views, setViews] = useState<Record<string, ResultView>>({});
  const [charts, setCharts] = useState<Record<string, ChartConfig>>({});
  const [savedVersion, setSavedVersion] = useState(0);
  const [saveAs, setSaveAs] = useState(false);
  const [notice, setNoticeMessage] = useState<ToastMessage | null>(null);
  const setNotice = useCallback((text: string) => setNoticeMessage((previous) => (text === '' ? null : nextToast(previous, text))), []);
  const [dropped, setDropped] = useState<{ file: File; nonce: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [editorHeight, setEditorHeight] = useState(220);

  const active = tabs.active;
  const unsaved = useUnsavedTabs(client, tabs.state?.tabs ?? NO_TABS, savedVersion);
  const activeRun = active ? runs.runs[active.id] : undefined;
  const finishedRuns = Object.values(runs.runs).filter((r) => r.phase !== 'running' && r.phase !== 'counting').length;

  const run = useCallback(
    (mode: RunMode) => {
      if (!active) return;
      const targets = editor.current?.runTargets(mode) ?? [];
      if (targets.length === 0) {
        setNotice('There is no SQL statement to run.');
        return;
      }
      setNotice('');
      editor.current?.markError(null);
      // Dashboard parameters (:app, :from, …) take the Insights controls' values, as on My dashboard.
      void fillParameters(targets).then(
        ({ targets: filled, note }) => {
          if (note) setNotice(note);
          return runs.start(active.id, filled);
        },
        (e: unknown) => setNotice(`Not run: ${asOrchardError(e).message}`),
      );
    },
    [active, runs, setNotice, fillParameters],
  );
  const cancel = useCallback(() => (active ? runs.cancel(active.id) : false), [active, runs]);

  const showError = useCallback(() => {
    const p = activeRun?.error?.details?.position as { line?: number; column?: number } | undefined;
    if (!activeRun || p?.line === undefined) return;
    editor.current?.markError(activeRun.docOffset + offsetOf(activeRun.sql, p.line, p.column ?? 1));
  }, [activeRun]);
  useEffect(() => {
    if (activeRun?.phase === 'failed') showError();
  }, [activeRun?.phase, activeRun?.runId, showError]);

  const save = useCallback(
    async (name: string) => {
      if (!active) return;
      setSaveAs(false);
      try {
        const saved = await saveQueryConfirmed(client, { name, sql: active.sql, isThisTabs: active.savedName === name });
        if (saved === null) return;
        tabs.update(active.id, { savedName: saved.name, title: saved.name });
        setSavedVersion((n) => n + 1);
        setNotice(`Saved as ${saved.fileName}.`);
      } catch (e) {
        setNotice(`Not saved: ${asOrchardError(e).message}`);
      }
    },
    [active, client, tabs, setNotice],
  );
  const requestSave = useCallback(() => {
    if (active?.savedName) void save(active.savedName);
    else setSaveAs(true);
  }, [active, save]);

  const openTab = tabs.open;
  const startRun = runs.start;
  // A request opens one tab, once (a reload remounts the page with the same request), and runs
  // it: "Open in SQL" means "show me these rows". Several statements wait for the user's Run.
  useEffect(() => {
    if (request === null || tabs.state === null) return;
    const marker = `${request.nonce}:${request.sql}`;
    if (sessionStorage.getItem(HANDLED_REQUEST) === marker) return;
    sessionStorage.setItem(HANDLED_REQUEST, marker);
    const tabId = openTab(undefined, request.sql);
    const statements = splitStatements(request.sql);
    if (statements.length !== 1) return;
    void fillParameters(statements).then(
      ({ targets, note }) => {
        if (note) setNotice(note);
        return startRun(tabId, targets);
      },
      (e: unknown) => setNotice(`Not run: ${asOrchardError(e).message}`),
    );
  }, [request, tabs.state === null, openTab, startRun, fillParameters, setNotice]);

  const clearDropped = useCallback(() => setDropped(null), []);

  const closeTab = (id: string) => {
    runs.discard(id);
    tabs.close(id);
  };

  if (tabs.state === null || active === null) {
    return (
      <section className="page">
        <Loading label="Opening the workbench…" />
      </section>
    );
  }

  const running = activeRun?.phase === 'running' || activeRun?.phase === 'counting';
  return (
    <section
      className="wb-page"
      aria-labelledby="wb-title"
      data-dragging={dragging || undefined}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        setDragging(false);
        if (file === undefined) return;
        e.preventDefault();
        setSide('data');
        setDropped((previous) => ({ file, nonce: (previous?.nonce ?? 0) + 1 }));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && running && cancel()) e.preventDefault();
        if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'n') {
          e.preventDefault();
          openTab();
        }
      }}
    >
      <aside className="wb-side" aria-label="Workbench side panel">
        <h1 id="wb-title" className="wb-title">
          SQL Workbench
        </h1>
        <div role="tablist" aria-label="Side panel" className="wb-side-tabs">
          {SIDE_PANELS.map((panel) => (
            <button key={panel.id} type="button" role="tab" aria-selected={side === panel.id} onClick={() => setSide(panel.id)}>
              {panel.label}
            </button>
          ))}
        </div>
        <div className="wb-side-body" role="tabpanel" aria-label={SIDE_PANELS.find((p) => p.id === side)?.label}>
          {side === 'catalogue' && (
            <CataloguePanel
              catalogue={catalogue}
              error={catalogueError}
              loading={catalogueLoading}
              onRefresh={reloadCatalogue}
              onInsert={(text) => editor.current?.insert(text)}
              onOpen={(title, sql) => openTab(title, sql)}
            />
          )}
          {side === 'data' && (
            <ImportPanel
              incoming={dropped}
              onIncomingTaken={clearDropped}
              onOpen={(title, sql) => openTab(title, sql)}
              onChange={(message) => {
                reloadCatalogue();
                setNotice(message);
              }}
            />
          )}
          {side === 'history' && <HistoryPanel version={finishedRuns} onOpen={(title, sql) => openTab(title, sql)} />}
          {side === 'saved' && <SavedPanel version={savedVersion} onOpen={openTab} />}
        </div>
      </aside>
      <div className="wb-main" style={{ gridTemplateRows: `auto ${editorHeight}px auto auto 1fr` }}>
        <TabBar
          tabs={tabs.state.tabs}
          activeId={active.id}
          busy={(id) => runs.runs[id]?.phase === 'running' || runs.runs[id]?.phase === 'counting'}
          unsaved={unsaved}
          onActivate={tabs.activate}
          onClose={closeTab}
          onNew={() => openTab()}
        />
        <div id="wb-tabpanel" role="tabpanel" aria-label={active.title} className="wb-editor-wrap">
          <SqlEditor
            ref={editor}
            tabId={active.id}
            initialSql={active.sql}
            catalogue={catalogue}
            onChange={(id, sql) => tabs.update(id, { sql })}
            onRun={run}
            onCancel={cancel}
            onSave={requestSave}
          />
        </div>
        <div className="wb-toolbar" role="toolbar" aria-label="Query">
          <button type="button" className="primary" onClick={() => run('statement')} title="Run the selection or the statement under the cursor (Ctrl/Cmd+Enter)">
            Run
          </button>
          <button type="button" onClick={() => run('all')} title="Run every statement in order (Shift+Ctrl/Cmd+Enter)">
            Run all
          </button>
          <button type="button" onClick={cancel} disabled={!running} title="Stop the running query (Esc)">
            Cancel
          </button>
          <button type="button" onClick={requestSave} title="Save as a .sql file (Ctrl/Cmd+S)">
            Save
          </button>
          {saveAs && <SaveQueryForm initial={active.title} onSave={(name) => void save(name)} onCancel={() => setSaveAs(false)} />}
          <Toast className="wb-notice" message={notice} onDone={() => setNoticeMessage(null)} />
          <span className="wb-shortcuts muted">Ctrl/Cmd+Enter run · Esc cancel · Ctrl/Cmd+S save · Alt+N new tab</span>
        </div>
        <EditorSplitter height={editorHeight} onResize={setEditorHeight} />
        <ResultsPanel
          run={activeRun}
          steps={runs.steps[active.id] ?? []}
          onShowStep={(index) => runs.show(active.id, index)}
          title={active.title}
          view={views[active.id] ?? 'grid'}
          onView={(view) => setViews((v) => ({ ...v, [active.id]: view }))}
          onSort={(sort) => runs.setSort(active.id, sort)}
          chart={charts[active.id] ?? null}
          onChart={(config) => setCharts((c) => ({ ...c, [active.id]: config }))}
          onShowError={showError}
          savedName={active.savedName}
          unsaved={unsaved.has(active.id)}
        />
      </div>
    </section>
  );
}
