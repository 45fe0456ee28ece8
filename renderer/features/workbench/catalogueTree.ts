// The catalogue as a flat list of visible tree rows (schemas, tables and views, columns) for
// rendering and keyboard movement, and the SQL names each one inserts.
import type { DbColumn, DbRelation, DbSchema } from '../../../shared/workbench';

export type TreeNode =
  | { kind: 'schema'; id: string; level: 1; schema: DbSchema }
  | { kind: 'relation'; id: string; level: 2; relation: DbRelation }
  | { kind: 'column'; id: string; level: 3; relation: DbRelation; column: DbColumn };

/** An identifier as SQL text: bare when DuckDB reads it as is, double-quoted otherwise. */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

export function qualifiedName(relation: DbRelation): string {
  return `${sqlName(relation.schema)}.${sqlName(relation.name)}`;
}

export function insertText(node: TreeNode): string {
  if (node.kind === 'schema') return sqlName(node.schema.name);
  if (node.kind === 'relation') return qualifiedName(node.relation);
  return sqlName(node.column.name);
}

export function previewSql(relation: DbRelation): string {
  return `SELECT * FROM ${qualifiedName(relation)} LIMIT 100;`;
}

export function visibleNodes(schemas: readonly DbSchema[], expanded: ReadonlySet<string>): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const schema of schemas) {
    const schemaId = `s:${schema.name}`;
    nodes.push({ kind: 'schema', id: schemaId, level: 1, schema });
    if (!expanded.has(schemaId)) continue;
    for (const relation of schema.relations) {
      const relationId = `r:${schema.name}.${relation.name}`;
      nodes.push({ kind: 'relation', id: relationId, level: 2, relation });
      if (!expanded.has(relationId)) continue;
      for (const column of relation.columns) nodes.push({ kind: 'column', id: `c:${schema.name}.${relation.name}.${column.name}`, level: 3, relation, column });
    }
  }
  return nodes;
}

/** The node a Left arrow goes to: the parent of a child row. */
export function parentId(node: TreeNode): string | null {
  if (node.kind === 'relation') return `s:${node.relation.schema}`;
  if (node.kind === 'column') return `r:${node.relation.schema}.${node.relation.name}`;
  return null;
}

/** One line per schema saying what it holds and when to use it. */
export const SCHEMA_MEANINGS: Readonly<Record<string, string>> = {
  main: 'Daily numbers per report, restatements applied: query these.',
  weekly: 'Apple’s weekly numbers per report (date = the Monday).',
  monthly: 'Apple’s monthly numbers per report (date = the 1st).',
  raw: 'Every downloaded row, all vintages and granularities; _latest marks what the views keep.',
  sales: 'Sales and Trends and finance reports, one table per report type.',
  orchard: 'Orchard’s own records: apps, requests, instances, files and sync runs.',
  user: 'CSV and Parquet files you imported here.',
};

/** The full name a row shows on hover, where the panel cuts it short. */
export function fullNameOf(node: TreeNode): string {
  if (node.kind === 'schema') return `${node.schema.name}: ${SCHEMA_MEANINGS[node.schema.name] ?? 'a schema of the warehouse.'}`;
  if (node.kind === 'relation') return `${qualifiedName(node.relation)}${node.relation.report ? ` — Apple report “${node.relation.report}”` : ''}`;
  return `${node.column.name} ${node.column.type}${node.column.meaning ? ` — ${node.column.meaning}` : ''}`;
}
