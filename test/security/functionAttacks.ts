// Attacks through DuckDB's functions rather than its statements (issue 21): table functions that
// write the warehouse file, switch logging or profiling on (writing files, wedging the connection,
// crashing the process), and side-effect scalars — each hidden in every place a SELECT can hold one.
import path from 'node:path';
import type { Attack } from './attacks';

const ONLY_READS = 'Orchard only reads here';
export const CHECKPOINT_REFUSAL = new RegExp(`^checkpoint\\(\\) changes the database file; ${ONLY_READS}\\.$`);

/** A cache manifest in the segment cache, as the sync writes one: profiling output once overwrote it. */
export const MANIFEST = path.join('segments', 'app-1', 'report-1', 'instance-1', 'manifest.json');

/** `checkpoint()` in every part of a SELECT the gate must search. */
export function checkpointPlacements(): string[] {
  return [
    'SELECT * FROM checkpoint()',
    'from checkpoint()',
    '/* a comment */ SELECT * FROM system.main.checkpoint()',
    'SELECT * FROM "CHECKPOINT"()',
    'SUMMARIZE SELECT * FROM checkpoint()',
    'SUMMARIZE FROM checkpoint()',
    'DESCRIBE SELECT * FROM checkpoint()',
    'DESCRIBE FROM checkpoint()',
    'SELECT * FROM (SELECT * FROM checkpoint())',
    'SELECT (SELECT count(*) FROM checkpoint())',
    'SELECT 1 WHERE EXISTS (FROM checkpoint())',
    'SELECT * FROM range(3) r WHERE r.range IN (SELECT 1 FROM checkpoint())',
    'WITH c AS (SELECT * FROM checkpoint()) SELECT * FROM c',
    'WITH c AS MATERIALIZED (FROM checkpoint()) SELECT 1',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, checkpoint() WHERE n < 2) SELECT * FROM r',
    'SELECT 1 UNION ALL SELECT count(*) FROM checkpoint()',
    'SELECT 1 INTERSECT SELECT count(*) FROM checkpoint()',
    'SELECT 1 EXCEPT SELECT count(*) FROM checkpoint()',
    'SELECT * FROM range(2) r, LATERAL (SELECT * FROM checkpoint())',
    'SELECT * FROM range(2) r JOIN checkpoint() ON true',
    'SELECT * FROM range((SELECT count(*) FROM checkpoint()))',
    'SELECT list_transform([1], x -> (SELECT count(*) FROM checkpoint()))',
    'SELECT count(*) FILTER (WHERE EXISTS (FROM checkpoint())) FROM range(3)',
    'SELECT sum(range) OVER (ORDER BY (SELECT count(*) FROM checkpoint())) FROM range(3)',
    'SELECT range FROM range(3) GROUP BY range HAVING count(*) > (SELECT count(*) FROM checkpoint())',
    'SELECT * FROM range(3) QUALIFY row_number() OVER () > (SELECT count(*) FROM checkpoint())',
    'SELECT * FROM range(3) ORDER BY (SELECT count(*) FROM checkpoint())',
    'VALUES ((SELECT count(*) FROM checkpoint()))',
    'PIVOT (FROM checkpoint()) ON x IN (0) USING count(*)',
    'SELECT * FROM (UNPIVOT (FROM checkpoint()) ON a INTO NAME k VALUE v)',
    'FROM range(3) SELECT range LIMIT (SELECT count(*) FROM checkpoint())',
    'EXPLAIN SELECT * FROM checkpoint()',
    'EXPLAIN ANALYZE SELECT * FROM checkpoint()',
  ];
}

/** The profiling calls that, in a row, crashed the whole process (3 of 3). */
export const PROFILING_SEQUENCE = ['SELECT * FROM enable_profiling()', 'SELECT * FROM disable_profiling()', 'SELECT * FROM enable_profiling()'];

/** Every function attack with the refusal that must name it. */
export function functionAttacks(dataDir: string): Attack[] {
  const refusal = (name: string, does: string) => new RegExp(`^${name}\\(\\) ${does}; ${ONLY_READS}\\.$`);
  const settings = 'changes DuckDB’s settings';
  const profiling = refusal('enable_profiling', `${settings} and writes profiling files`);
  const at = (relative: string) => path.join(dataDir, relative);
  return [
    ...checkpointPlacements().map((sql) => ({ sql, refusal: CHECKPOINT_REFUSAL })),
    { sql: 'SELECT * FROM force_checkpoint()', refusal: refusal('force_checkpoint', 'changes the database file') },
    { sql: `SELECT * FROM enable_logging(level='trace', storage='file', storage_path='${at('exports/L')}')`, refusal: refusal('enable_logging', `${settings} and writes a log of every statement`) },
    { sql: "SELECT * FROM enable_logging(level='trace')", refusal: refusal('enable_logging', `${settings} and writes a log of every statement`) },
    { sql: 'SELECT * FROM disable_logging()', refusal: refusal('disable_logging', settings) },
    { sql: 'SELECT * FROM truncate_duckdb_logs()', refusal: refusal('truncate_duckdb_logs', 'deletes DuckDB’s log') },
    { sql: `SELECT * FROM enable_profiling(format:='json', save_location:='${at(MANIFEST)}')`, refusal: profiling },
    { sql: `SELECT * FROM enable_profiling(format:='json', save_location:='${at('exports/profile.json')}')`, refusal: profiling },
    { sql: "SELECT * FROM enable_profiling(save_location:='/nonexistent/p.json')", refusal: profiling },
    ...PROFILING_SEQUENCE.map((sql) => ({ sql, refusal: sql.includes('disable') ? refusal('disable_profiling', settings) : profiling })),
    { sql: 'SELECT * FROM enable_peg_parser()', refusal: refusal('enable_peg_parser', 'changes how DuckDB parses SQL') },
    { sql: "SELECT * FROM query('SELECT * FROM checkpoint()')", refusal: refusal('query', 'runs SQL given as text, which Orchard cannot check') },
    { sql: "FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM checkpoint()'))", refusal: /^json_execute_serialized_sql\(\) runs a serialised statement/ },
    { sql: `SELECT * FROM read_duckdb('${at('exports/other.duckdb')}')`, refusal: refusal('read_duckdb', 'attaches another DuckDB database file') },
    { sql: 'SELECT * FROM arrow_scan(0, 0, 0)', refusal: refusal('arrow_scan', 'reads memory at addresses given as numbers') },
    { sql: "SELECT nextval('warehouse.main.seq')", refusal: refusal('nextval', 'advances a sequence \\(a write\\)') },
    { sql: 'SELECT setseed(0.5)', refusal: refusal('setseed', 'changes the random seed of later queries') },
    { sql: "SELECT write_log('hello')", refusal: refusal('write_log', 'writes to DuckDB’s log') },
    { sql: 'SELECT * FROM not_a_function()', refusal: /^Table function not_a_function\(\) is not on Orchard’s read-only list/ },
    { sql: 'CALL checkpoint()', refusal: /^CALL runs a function as a statement/ },
  ];
}

/** The attacks issue 21 reported, for the slower paths (pins, saved queries, the CLI): checkpoint() in a SELECT, SUMMARIZE, CTE and UNION, logging, profiling. */
export function reportedAttacks(dataDir: string): Attack[] {
  const reported = /^(SELECT \* FROM checkpoint\(\)|SUMMARIZE SELECT|WITH c AS \(|SELECT 1 UNION ALL)|storage='file'|truncate_duckdb_logs|manifest\.json|nonexistent/;
  return [...functionAttacks(dataDir).filter((attack) => reported.test(attack.sql)), ...functionAttacks(dataDir).filter((attack) => PROFILING_SEQUENCE.includes(attack.sql))];
}
