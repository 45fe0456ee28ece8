// CodeMirror's SQL support tuned for DuckDB and the live catalogue: keywords and highlighting,
// completion of schemas, tables, columns and DuckDB functions, and colours from the theme's CSS
// variables so light and dark both read well.
import { autocompletion, completeFromList, type Completion, type CompletionSource } from '@codemirror/autocomplete';
import { PostgreSQL, SQLDialect, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags } from '@lezer/highlight';
import type { WorkbenchCatalogue } from '../../../shared/workbench';

const DUCKDB_TYPES =
  'bigint binary bit blob boolean date decimal double enum float hugeint integer interval json list map real smallint struct time timestamp timestamptz tinyint ubigint uhugeint uinteger union usmallint utinyint uuid varchar';

/** Highlighted before the catalogue arrives; DuckDB's own reserved words are added from it. */
const BASE_KEYWORDS =
  'select from where group by order having limit offset join left right inner outer full cross on using as and or not in is null like ilike glob between case when then else end distinct union all except intersect with recursive materialized insert update delete create table view drop alter over partition window filter within asc desc nulls first last true false cast try_cast exists any some values describe show summarize pivot unpivot qualify sample exclude replace columns asof positional anti semi lateral natural interval explain pragma';

export function duckdbDialect(keywords: readonly string[]): SQLDialect {
  return SQLDialect.define({
    ...PostgreSQL.spec,
    keywords: [BASE_KEYWORDS, ...keywords].join(' ').toLowerCase(),
    types: [PostgreSQL.spec.types ?? '', DUCKDB_TYPES].join(' '),
    doubleDollarQuotedStrings: true,
  });
}

/** `{ main: { app_downloads_standard: [columns…] }, raw: …, orchard: … }` for lang-sql. */
export function catalogueNamespace(catalogue: WorkbenchCatalogue | null): SQLNamespace {
  const namespace: Record<string, SQLNamespace> = {};
  for (const schema of catalogue?.schemas ?? []) {
    const tables: Record<string, SQLNamespace> = {};
    for (const relation of schema.relations) {
      tables[relation.name] = {
        self: { label: relation.name, type: relation.kind === 'view' ? 'class' : 'type', detail: relation.kind },
        children: relation.columns.map((c): Completion => ({ label: c.name, type: 'property', detail: c.type, ...(c.meaning ? { info: c.meaning } : {}) })),
      };
    }
    namespace[schema.name] = { self: { label: schema.name, type: 'namespace', detail: 'schema' }, children: tables };
  }
  return namespace;
}

/** Every column name (once) and DuckDB's functions, offered anywhere a word is typed. */
function wordSource(catalogue: WorkbenchCatalogue | null): CompletionSource {
  const columns = new Map<string, Completion>();
  for (const schema of catalogue?.schemas ?? []) {
    for (const relation of schema.relations) {
      for (const column of relation.columns) {
        if (!columns.has(column.name)) columns.set(column.name, { label: column.name, type: 'property', detail: column.type, boost: -1 });
      }
    }
  }
  const functions = (catalogue?.functions ?? []).map((name): Completion => ({ label: name, type: 'function', boost: -2 }));
  const source = completeFromList([...columns.values(), ...functions]);
  return (context) => (context.matchBefore(/[\w]+$/) === null && !context.explicit ? null : source(context));
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--sql-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--sql-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--sql-number)' },
  { tag: [tags.lineComment, tags.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--sql-type)' },
  { tag: tags.operator, color: 'var(--text)' },
  { tag: tags.special(tags.name), color: 'var(--sql-type)' },
]);

/** The language part of the editor; rebuilt when the catalogue arrives or changes. */
export function sqlSupport(catalogue: WorkbenchCatalogue | null): Extension {
  const dialect = duckdbDialect(catalogue?.keywords ?? []);
  const language = sql({ dialect, schema: catalogueNamespace(catalogue), defaultSchema: 'main', upperCaseKeywords: true });
  return [
    language,
    dialect.language.data.of({ autocomplete: wordSource(catalogue) }),
    syntaxHighlighting(highlight),
    autocompletion({ activateOnTyping: true, maxRenderedOptions: 80 }),
  ];
}
