// The catalogue panel: schemas → tables and views → columns, with DuckDB types, row counts and
// Apple's meaning of report columns. Double-click (or Enter) inserts a name into the editor; the
// context menu (right-click, Shift+F10 or the Menu key) opens SELECT * … LIMIT 100 in a new tab.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DbRelation, ExampleQuery, WorkbenchCatalogue } from '../../../shared/workbench';
import type { OrchardError } from '../../../shared/errors';
import { formatCount } from './cellFormat';
import { fullNameOf, insertText, parentId, previewSql, qualifiedName, SCHEMA_MEANINGS, visibleNodes, type TreeNode } from './catalogueTree';

interface CataloguePanelProps {
  catalogue: WorkbenchCatalogue | null;
  error: OrchardError | null;
  loading: boolean;
  onRefresh: () => void;
  onInsert: (text: string) => void;
  onOpen: (title: string, sql: string) => void;
}

interface Menu {
  relation: DbRelation;
  x: number;
  y: number;
}

function describeNode(node: TreeNode): string {
  if (node.kind === 'schema') return `${node.schema.name}: ${node.schema.relations.length} tables and views`;
  if (node.kind === 'relation') {
    const r = node.relation;
    return `${r.schema}.${r.name} — ${r.kind}${r.rowCount === null ? '' : `, ${formatCount(r.rowCount)} rows`}${r.report ? `, Apple report “${r.report}”` : ''}`;
  }
  return `${node.column.name} · ${node.column.type}${node.column.meaning ? ` — ${node.column.meaning}` : ''}`;
}

export function CataloguePanel({ catalogue, error, loading, onRefresh, onInsert, onOpen }: CataloguePanelProps) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(['s:main']));
  const [focused, setFocused] = useState<string | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const tree = useRef<HTMLUListElement>(null);
  const nodes = useMemo(() => visibleNodes(catalogue?.schemas ?? [], expanded), [catalogue, expanded]);
  const current = nodes.find((n) => n.id === focused) ?? nodes[0];

  useEffect(() => {
    if (focused !== null && tree.current?.contains(document.activeElement)) document.getElementById(`cat-${focused}`)?.focus();
  }, [focused]);

  const toggle = (id: string, open?: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const openMenu = (node: TreeNode, x: number, y: number) => {
    if (node.kind === 'schema') return;
    setMenu({ relation: node.relation, x, y });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (current === undefined) return;
    const index = nodes.indexOf(current);
    const go = (i: number) => setFocused(nodes[Math.max(0, Math.min(nodes.length - 1, i))]?.id ?? null);
    const expandable = current.kind !== 'column';
    switch (event.key) {
      case 'ArrowDown':
        go(index + 1);
        break;
      case 'ArrowUp':
        go(index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(nodes.length - 1);
        break;
      case 'ArrowRight':
        if (expandable && !expanded.has(current.id)) toggle(current.id, true);
        else go(index + 1);
        break;
      case 'ArrowLeft':
        if (expandable && expanded.has(current.id)) toggle(current.id, false);
        else setFocused(parentId(current) ?? current.id);
        break;
      case 'Enter':
        onInsert(insertText(current));
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        const rect = document.getElementById(`cat-${current.id}`)?.getBoundingClientRect();
        openMenu(current, rect?.left ?? 0, rect?.bottom ?? 0);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="wb-catalogue">
      <div className="wb-panel-bar">
        <span className="muted">{catalogue ? `${catalogue.schemas.reduce((n, s) => n + s.relations.length, 0)} tables and views` : ''}</span>
        <button type="button" className="wb-small" onClick={onRefresh} disabled={loading} aria-label="Refresh catalogue" title="Refresh catalogue">
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {error && <p className="error" role="alert">{error.message}</p>}
      <ul ref={tree} role="tree" aria-label="Catalogue" className="wb-tree" onKeyDown={onKeyDown}>
        {nodes.map((node) => (
          <CatalogueRow
            key={node.id}
            node={node}
            expanded={expanded.has(node.id)}
            focusable={node.id === current?.id}
            onFocus={() => setFocused(node.id)}
            onToggle={() => toggle(node.id)}
            onInsert={() => onInsert(insertText(node))}
            onMenu={(x, y) => openMenu(node, x, y)}
          />
        ))}
      </ul>
      {catalogue && (catalogue.schemas.find((s) => s.name === 'main')?.relations.length ?? 0) === 0 && (
        <p className="wb-note">No report views yet: sync an app to load its reports. The orchard schema already holds Orchard’s own records.</p>
      )}
      <p className="wb-node-info" aria-live="polite">{current ? describeNode(current) : ''}</p>
      <Examples examples={catalogue?.examples ?? []} onOpen={onOpen} />
      {menu && <RelationMenu menu={menu} onClose={() => setMenu(null)} onOpen={onOpen} onInsert={onInsert} />}
    </div>
  );
}

interface RowProps {
  node: TreeNode;
  expanded: boolean;
  focusable: boolean;
  onFocus: () => void;
  onToggle: () => void;
  onInsert: () => void;
  onMenu: (x: number, y: number) => void;
}

function CatalogueRow({ node, expanded, focusable, onFocus, onToggle, onInsert, onMenu }: RowProps) {
  const expandable = node.kind !== 'column';
  const label = node.kind === 'schema' ? node.schema.name : node.kind === 'relation' ? node.relation.name : node.column.name;
  const detail =
    node.kind === 'schema'
      ? `${node.schema.relations.length}`
      : node.kind === 'relation'
        ? node.relation.rowCount === null
          ? node.relation.kind
          : `${formatCount(node.relation.rowCount)} rows`
        : node.column.type;
  return (
    <li
      id={`cat-${node.id}`}
      role="treeitem"
      aria-level={node.level}
      aria-expanded={expandable ? expanded : undefined}
      aria-selected={focusable}
      aria-label={node.kind === 'column' ? `${label} ${node.column.type}` : label}
      aria-description={node.kind === 'column' ? node.column.meaning : node.kind === 'relation' ? node.relation.report : SCHEMA_MEANINGS[node.schema.name]}
      tabIndex={focusable ? 0 : -1}
      className={`wb-tree-item wb-level-${node.level} wb-${node.kind}`}
      title={fullNameOf(node)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus();
      }}
      onClick={(e) => {
        onFocus();
        if (expandable && e.detail === 1) onToggle();
      }}
      onDoubleClick={(e) => {
        e.preventDefault();
        if (expandable) onToggle();
        onInsert();
      }}
      onContextMenu={(e) => {
        if (node.kind === 'schema') return;
        e.preventDefault();
        onFocus();
        onMenu(e.clientX, e.clientY);
      }}
    >
      <span className="wb-twisty" aria-hidden="true">{expandable ? (expanded ? '▾' : '▸') : ''}</span>
      <span className="wb-tree-name">{label}</span>
      {node.kind === 'relation' && <span className="wb-kind">{node.relation.kind === 'view' ? 'view' : 'table'}</span>}
      <span className="wb-tree-detail">{detail}</span>
      {node.kind === 'schema' && SCHEMA_MEANINGS[node.schema.name] && <span className="wb-schema-meaning">{SCHEMA_MEANINGS[node.schema.name]}</span>}
    </li>
  );
}

function RelationMenu({ menu, onClose, onOpen, onInsert }: { menu: Menu; onClose: () => void; onOpen: CataloguePanelProps['onOpen']; onInsert: CataloguePanelProps['onInsert'] }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      onClose();
    };
    window.addEventListener('keydown', close);
    window.addEventListener('pointerdown', close);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('pointerdown', close);
    };
  }, [onClose]);
  const act = (action: () => void) => () => {
    action();
    onClose();
  };
  const name = `${menu.relation.schema}.${menu.relation.name}`;
  return (
    <div role="menu" aria-label={`Actions for ${name}`} className="wb-menu" style={{ left: menu.x, top: menu.y }} onPointerDown={(e) => e.stopPropagation()}>
      <button ref={first} type="button" role="menuitem" onClick={act(() => onOpen(menu.relation.name, previewSql(menu.relation)))}>
        Open SELECT * … LIMIT 100 in a new tab
      </button>
      <button type="button" role="menuitem" onClick={act(() => onInsert(qualifiedName(menu.relation)))}>
        Insert name
      </button>
    </div>
  );
}

function Examples({ examples, onOpen }: { examples: readonly ExampleQuery[]; onOpen: CataloguePanelProps['onOpen'] }) {
  if (examples.length === 0) return null;
  return (
    <section className="wb-examples" aria-labelledby="wb-examples-title">
      <h2 id="wb-examples-title">Example queries</h2>
      <ul>
        {examples.map((example) => (
          <li key={example.title}>
            <button type="button" className="wb-link" title={example.description} onClick={() => onOpen(example.title, example.sql)}>
              {example.title}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
