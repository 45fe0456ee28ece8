// The catalogue panel's data: every schema, table and view of the warehouse with its columns,
// DuckDB types and row counts, Apple's meaning for report columns, and the names the editor
// completes (DuckDB's functions and keywords, read once per workbench).
import { REPORT_CATALOGUE, tableNameFor, type CatalogueReport } from '../../shared/reportCatalogue';
import { SALES_COLUMN_MEANINGS } from '../../shared/salesColumnMeanings';
import type { DbRelation, DbSchema, WorkbenchCatalogue } from '../../shared/workbench';
import { WAREHOUSE_CATALOG, type QueryService } from '../warehouse';
import { exampleQueries } from './examples';
import { quoteIdent, readResult, sqlString } from './warehouseReads';

const SCHEMA_ORDER = ['main', 'weekly', 'monthly', 'raw', 'sales', 'orchard', 'user'];
/** Schemas whose relations are one report each: the views per granularity and the raw tables. */
const REPORT_SCHEMAS = ['main', 'weekly', 'monthly', 'raw'];
const MANY = 1_000_000;

const PROVENANCE_MEANINGS: Readonly<Record<string, string>> = {
  _granularity: 'DAILY, WEEKLY or MONTHLY: which of Apple’s instances the row came from (main views hold DAILY only).',
  _latest: '0 on superseded vintages; on the rows Apple’s restatement rule keeps (what the views show) 1 DAILY, 2 WEEKLY, 3 MONTHLY.',
  _processing_date: 'Day Apple processed the instance; for each date the newest one counts.',
  _instance_id: 'Apple’s ID of the report instance the row came from.',
  _segment_id: 'Apple’s ID of the downloaded file the row came from.',
  _access_type: 'ONGOING or ONE_TIME_SNAPSHOT: the kind of report request.',
  _segment_key: 'The downloaded file the row came from: join orchard.segment_keys ON segment_key = _segment_key for its instance, granularity, processing date and access type.',
};

const db = sqlString(WAREHOUSE_CATALOG);
const RELATIONS_SQL = `
SELECT schema_name, table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = ${db} AND NOT internal
UNION ALL
SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE database_name = ${db} AND NOT internal`;
const COLUMNS_SQL = `
SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
WHERE database_name = ${db} ORDER BY schema_name, table_name, column_index`;
const FUNCTIONS_SQL = `
SELECT DISTINCT function_name FROM duckdb_functions()
WHERE regexp_full_match(function_name, '[a-z_][a-z0-9_]*') AND function_name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY 1`;
const KEYWORDS_SQL = "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category IN ('reserved', 'type_function') ORDER BY 1";

export interface CatalogueService {
  /** `appId`: the app the example queries filter on; without it, the first app the warehouse knows (none: no examples). */
  load(options?: { appId?: string | undefined; signal?: AbortSignal | undefined }): Promise<WorkbenchCatalogue>;
}

const FIRST_APP_SQL = 'SELECT app_id FROM orchard.apps ORDER BY name, app_id LIMIT 1';

function reportFor(schema: string, name: string): CatalogueReport | undefined {
  if (!REPORT_SCHEMAS.includes(schema)) return undefined;
  return REPORT_CATALOGUE.find((report) => tableNameFor(report.name) === name);
}

function schemaRank(name: string): number {
  const index = SCHEMA_ORDER.indexOf(name);
  return index < 0 ? SCHEMA_ORDER.length : index;
}

export function createCatalogueService(query: QueryService): CatalogueService {
  let names: Promise<{ functions: string[]; keywords: string[] }> | undefined;

  const loadNames = async () => {
    const [functions, keywords] = await Promise.all([
      readResult(query, FUNCTIONS_SQL, { limit: MANY }),
      readResult(query, KEYWORDS_SQL, { limit: MANY }),
    ]);
    return { functions: functions.rows.map((r) => String(r[0])), keywords: keywords.rows.map((r) => String(r[0])) };
  };

  async function rowCounts(relations: { schema: string; name: string }[], signal?: AbortSignal): Promise<number[]> {
    if (relations.length === 0) return [];
    const sql = relations
      .map((r, i) => `SELECT ${i} AS i, count(*) AS n FROM ${quoteIdent(WAREHOUSE_CATALOG)}.${quoteIdent(r.schema)}.${quoteIdent(r.name)}`)
      .join('\nUNION ALL\n');
    const counts = await readResult(query, sql, { limit: MANY, ...(signal ? { signal } : {}) });
    const byIndex = new Map(counts.rows.map((row) => [Number(row[0]), Number(row[1])]));
    return relations.map((_, i) => byIndex.get(i) ?? 0);
  }

  return {
    async load({ appId, signal } = {}) {
      names ??= loadNames().catch((error: unknown) => {
        names = undefined;
        throw error;
      });
      const options = { limit: MANY, ...(signal ? { signal } : {}) };
      const relationRows = (await readResult(query, RELATIONS_SQL, options)).rows;
      const columnRows = (await readResult(query, COLUMNS_SQL, options)).rows;
      const relations: DbRelation[] = relationRows.map(([schema, name, kind]) => ({
        schema: String(schema),
        name: String(name),
        kind: kind === 'view' ? 'view' : 'table',
        rowCount: null,
        columns: [],
      }));
      const byKey = new Map(relations.map((r) => [`${r.schema}.${r.name}`, r]));
      for (const [schema, table, column, type] of columnRows) {
        const relation = byKey.get(`${String(schema)}.${String(table)}`);
        if (relation === undefined) continue;
        const report = reportFor(relation.schema, relation.name);
        const name = String(column);
        const known = report?.columns.find((c) => c.name === name);
        const meaning = known?.meaning ?? (report ? PROVENANCE_MEANINGS[name] : undefined)
          ?? (relation.schema === 'sales' ? SALES_COLUMN_MEANINGS[name] : undefined);
        const nonAdditive = known?.nonAdditive;
        relation.columns.push({ name, type: String(type), ...(meaning ? { meaning } : {}), ...(nonAdditive ? { nonAdditive } : {}) });
      }
      // A count that fails (a view over a dropped table) must not hide the rest of the catalogue.
      const counts = await rowCounts(relations, signal).catch((error: unknown) => {
        if (signal?.aborted) throw error;
        return [];
      });
      relations.forEach((relation, i) => {
        relation.rowCount = counts[i] ?? null;
        const report = reportFor(relation.schema, relation.name);
        if (report) relation.report = report.name;
      });
      const schemas = new Map<string, DbSchema>(SCHEMA_ORDER.map((name) => [name, { name, relations: [] }]));
      for (const relation of relations) {
        const schema = schemas.get(relation.schema) ?? { name: relation.schema, relations: [] };
        schema.relations.push(relation);
        schemas.set(relation.schema, schema);
      }
      const ordered = [...schemas.values()].sort((a, b) => schemaRank(a.name) - schemaRank(b.name) || a.name.localeCompare(b.name));
      for (const schema of ordered) schema.relations.sort((a, b) => a.name.localeCompare(b.name));
      const exampleApp = appId ?? (await readResult(query, FIRST_APP_SQL, options)).rows[0]?.[0];
      const examples = typeof exampleApp === 'string' ? exampleQueries(exampleApp) : [];
      return { schemas: ordered, ...(await names), examples };
    },
  };
}
