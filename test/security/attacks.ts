// The statements an attacker (a compromised renderer, a hostile pasted query) tried or could try
// through the SQL workbench to write, each with the plain-words refusal the user must see.
import path from 'node:path';

export interface Attack {
  sql: string;
  /** What the refusal must say. */
  refusal: RegExp;
}

const EXPLAIN_ANALYZE = /^EXPLAIN ANALYZE runs the statement it explains \(here \w+\); only a SELECT can be explained here\.$/;
const CHANGES_DATA = /changes data; Orchard only reads here\.$/;

/** Every way found to write the warehouse, settings.json or the warehouse file from the workbench. */
export function writeAttacks(dataDir: string): Attack[] {
  const settings = path.join(dataDir, 'settings.json');
  const database = path.join(dataDir, 'orchard.duckdb');
  return [
    // The four that worked before: EXPLAIN ANALYZE ran whatever it wrapped.
    { sql: 'EXPLAIN ANALYZE CREATE TABLE warehouse.main.x AS SELECT 1', refusal: EXPLAIN_ANALYZE },
    { sql: 'EXPLAIN ANALYZE DELETE FROM warehouse.orchard.apps', refusal: EXPLAIN_ANALYZE },
    { sql: 'EXPLAIN ANALYZE DROP TABLE warehouse.orchard.apps', refusal: EXPLAIN_ANALYZE },
    { sql: `EXPLAIN ANALYZE COPY (SELECT [] AS apiKeys) TO '${settings}' (FORMAT json)`, refusal: EXPLAIN_ANALYZE },
    { sql: `EXPLAIN ANALYZE COPY (SELECT 1) TO '${database}' (FORMAT csv, USE_TMP_FILE false)`, refusal: EXPLAIN_ANALYZE },
    // EXPLAIN's options in parentheses also switch ANALYZE on.
    { sql: `EXPLAIN (ANALYZE) COPY (SELECT 1) TO '${database}' (FORMAT csv, USE_TMP_FILE false)`, refusal: /^EXPLAIN here explains only a SELECT/ },
    { sql: 'EXPLAIN (ANALYZE, FORMAT json) DELETE FROM warehouse.orchard.apps', refusal: /^EXPLAIN here explains only a SELECT/ },
    { sql: '/* hidden */ explain\n-- comment\nanalyse UPDATE warehouse.orchard.apps SET name = \'x\'', refusal: EXPLAIN_ANALYZE },
    // The statements themselves.
    { sql: "INSERT INTO orchard.apps (app_id, name) VALUES ('9', 'x')", refusal: CHANGES_DATA },
    { sql: 'DELETE FROM warehouse.orchard.apps', refusal: /^DELETE changes data; Orchard only reads here\.$/ },
    { sql: "UPDATE orchard.apps SET name = 'x'", refusal: CHANGES_DATA },
    { sql: 'TRUNCATE orchard.apps', refusal: CHANGES_DATA },
    { sql: 'WITH gone AS (DELETE FROM orchard.apps RETURNING *) SELECT * FROM gone', refusal: /A CTE needs a SELECT/ },
    { sql: 'CREATE TABLE warehouse.main.x AS SELECT 1', refusal: /^CREATE changes the warehouse’s tables, views or schemas; Orchard only reads here\.$/ },
    { sql: 'DROP TABLE warehouse.orchard.apps', refusal: /^DROP changes the warehouse’s tables/ },
    { sql: 'ALTER TABLE orchard.apps ADD COLUMN x INTEGER', refusal: /^ALTER changes the warehouse’s tables/ },
    { sql: `COPY (SELECT [] AS apiKeys) TO '${settings}' (FORMAT json)`, refusal: /^COPY writes files; Orchard only reads here\. To save a result, run the SELECT and use Export\.$/ },
    { sql: `COPY (SELECT 1) TO '${path.join(dataDir, 'exports', 'x.csv')}'`, refusal: /^COPY writes files/ },
    { sql: `EXPORT DATABASE '${path.join(dataDir, 'exports', 'db')}'`, refusal: /^EXPORT writes files/ },
    { sql: `ATTACH '${path.join(dataDir, 'exports', 'other.duckdb')}' AS other`, refusal: /^ATTACH changes which databases are open/ },
    { sql: 'DETACH warehouse', refusal: /^DETACH changes which databases are open/ },
    { sql: 'USE orchard_results', refusal: /^USE changes which databases are open/ },
    { sql: 'SET threads = 1', refusal: /^SET changes DuckDB’s settings/ },
    { sql: 'CHECKPOINT', refusal: /^CHECKPOINT maintains the database file/ },
    { sql: 'BEGIN TRANSACTION', refusal: /^BEGIN controls transactions/ },
    { sql: 'INSTALL httpfs', refusal: /^INSTALL installs or loads extensions/ },
    { sql: 'PRAGMA enable_profiling', refusal: /^PRAGMA enable_profiling may change settings or data; the read-only PRAGMAs that run here are table_info/ },
    { sql: 'PRAGMA threads = 1', refusal: /^PRAGMA threads = … changes a setting/ },
    { sql: "PRAGMA table_info('orchard.apps'); DELETE FROM orchard.apps", refusal: /^Run one statement at a time \(found 2\)\.$/ },
    { sql: 'SELECT 1; DROP TABLE orchard.apps', refusal: /^Run one statement at a time \(found 2\)\.$/ },
  ];
}
