// The catalogue's hover text: a schema's meaning, a relation's qualified name (and Apple report),
// a column's name, type and meaning; every schema Orchard creates has its one line.
import { describe, expect, it } from 'vitest';
import type { DbRelation } from '../../../shared/workbench';
import { fullNameOf, SCHEMA_MEANINGS } from '../../../renderer/features/workbench/catalogueTree';

const relation: DbRelation = {
  schema: 'main',
  name: 'app_store_discovery_and_engagement_detailed',
  kind: 'view',
  rowCount: 10,
  report: 'App Store Discovery and Engagement Detailed',
  columns: [{ name: 'unique_counts', type: 'BIGINT', meaning: 'Distinct devices.' }],
};

describe('catalogue hover text', () => {
  it('names relations in full, with their report, and columns with type and meaning', () => {
    expect(fullNameOf({ kind: 'relation', id: 'r', level: 2, relation })).toBe('main.app_store_discovery_and_engagement_detailed — Apple report “App Store Discovery and Engagement Detailed”');
    const column = relation.columns[0];
    if (!column) throw new Error('the relation has a column');
    expect(fullNameOf({ kind: 'column', id: 'c', level: 3, relation, column })).toBe('unique_counts BIGINT — Distinct devices.');
  });

  it('explains every schema of the warehouse in one line', () => {
    for (const name of ['main', 'weekly', 'monthly', 'raw', 'sales', 'orchard', 'user']) {
      const line = SCHEMA_MEANINGS[name] ?? '';
      expect(line.length, name).toBeGreaterThan(10);
      expect(line, name).not.toContain('\n');
      expect(fullNameOf({ kind: 'schema', id: 's', level: 1, schema: { name, relations: [] } })).toBe(`${name}: ${line}`);
    }
  });
});
