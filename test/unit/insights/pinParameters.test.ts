// The dashboard parameters of a saved query: found only in code (never in strings, quoted
// identifiers, dollar strings or comments), replaced by checked literals, and injection refused
// at the IPC schema before any SQL is built.
import { describe, expect, it } from 'vitest';
import { parameterLiteral, parameterLiterals } from '../../../main/insights/pins/parameterValues';
import { declaredParameters, scanParameters, substituteParameters } from '../../../shared/sqlParameters';
import type { DashboardControls } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import { commands } from '../../../shared/ipc/contract';
import { splitStatements } from '../../../renderer/features/workbench/statements';

const controls: DashboardControls = {
  apps: ['1476097583'],
  from: '2026-01-01',
  to: '2026-01-31',
  granularity: 'WEEKLY',
  filters: {},
  compare: 'none',
  topN: 8,
};

const literals = { app: "'1476097583'", apps: "('1476097583')", from: "DATE '2026-01-01'", to: "DATE '2026-01-31'", granularity: "'WEEKLY'" };

describe('scanParameters', () => {
  it('finds each use in code, in order, with its exact span', () => {
    const sql = 'SELECT * FROM t WHERE app = :app AND d BETWEEN :from AND :to';
    const uses = scanParameters(sql);
    expect(uses.map((u) => u.name)).toEqual(['app', 'from', 'to']);
    for (const use of uses) expect(sql.slice(use.start, use.end)).toBe(`:${use.name}`);
  });

  it('ignores :app in strings, quoted identifiers, comments and dollar strings', () => {
    const sql = [
      "SELECT ':app' AS a, 'it''s :from' AS b, E'\\' :to' AS c, \"col :app\" AS d, $$ :apps $$ AS e, $x$ :granularity $x$ AS f",
      '-- :app in a line comment',
      '/* :from in a block /* nested :to */ still comment :app */',
      'FROM t WHERE x = :app',
    ].join('\n');
    expect(scanParameters(sql).map((u) => u.name)).toEqual(['app']);
    expect(substituteParameters(sql, literals)).toBe(sql.replace('x = :app', "x = '1476097583'"));
  });

  it('leaves casts, unknown names, longer words and prefix-alias colons alone', () => {
    const sql = "SELECT d::DATE, :apple, :fromage, {'k': 1} AS s, a[1:2] AS sl, x::app FROM t WHERE a IN :apps AND g = :GRANULARITY";
    expect(declaredParameters(sql)).toEqual(['apps', 'granularity']);
    expect(substituteParameters(sql, literals)).toBe(
      "SELECT d::DATE, :apple, :fromage, {'k': 1} AS s, a[1:2] AS sl, x::app FROM t WHERE a IN ('1476097583') AND g = 'WEEKLY'",
    );
  });

  it('treats an unterminated string or comment as running to the end', () => {
    expect(declaredParameters("SELECT 'open :app")).toEqual([]);
    expect(declaredParameters('SELECT 1 /* :app')).toEqual([]);
    expect(declaredParameters('SELECT "x :app')).toEqual([]);
  });

  it('lists each parameter once, in first-use order', () => {
    expect(declaredParameters('SELECT :to, :from, :to, :app')).toEqual(['to', 'from', 'app']);
    expect(declaredParameters('SELECT 1')).toEqual([]);
  });

  it('does not read $ inside an identifier as a dollar quote', () => {
    expect(declaredParameters('SELECT a$b$ FROM t WHERE x = :app')).toEqual(['app']);
  });
});

describe('the shared lexer', () => {
  it('also splits the workbench statements with E-string escapes and $ inside names', () => {
    const sql = "SELECT E'it\\'s; not the end' AS a; SELECT a$b$ FROM t; SELECT $$;$$";
    expect(splitStatements(sql).map((s) => s.text)).toEqual(["SELECT E'it\\'s; not the end' AS a", 'SELECT a$b$ FROM t', 'SELECT $$;$$']);
  });
});

describe('parameterLiteral', () => {
  it('quotes every value as a literal', () => {
    expect(parameterLiterals(['app', 'apps', 'from', 'to', 'granularity'], controls)).toEqual(
      Object.entries(literals).map(([name, literal]) => ({ name, literal })),
    );
    expect(parameterLiteral('apps', { ...controls, apps: ['1', '22'] })).toBe("('1', '22')");
    expect(parameterLiteral('apps', { ...controls, apps: 'all' }, ['7', '8'])).toBe("('7', '8')");
    expect(parameterLiteral('apps', { ...controls, apps: 'all' }, [])).toBe('(NULL)');
    expect(parameterLiteral('apps', { ...controls, apps: 'all' }, ["1') OR (1=1"])).toBe('(NULL)');
  });

  it('refuses :app unless exactly one app is chosen', () => {
    for (const apps of ['all', ['1', '2']] as const) {
      const error = (() => {
        try {
          parameterLiteral('app', { ...controls, apps: apps === 'all' ? 'all' : [...apps] });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(OrchardError);
      expect((error as OrchardError).message).toMatch(/IN :apps/);
    }
  });

  it('refuses values that would break out of the literal, even past the schema', () => {
    expect(() => parameterLiteral('from', { ...controls, from: "2026-01-01'; DROP TABLE x; --" })).toThrow(OrchardError);
    expect(() => parameterLiteral('app', { ...controls, apps: ["1' OR '1'='1"] })).toThrow(OrchardError);
    expect(() => parameterLiteral('granularity', { ...controls, granularity: "DAILY' --" as 'DAILY' })).toThrow(OrchardError);
  });
});

describe('pins:run schema', () => {
  const input = { requestId: crypto.randomUUID(), pinId: crypto.randomUUID(), controls };
  it('accepts well-formed controls', () => {
    expect(commands['pins:run'].input.safeParse(input).success).toBe(true);
  });

  it('rejects injection attempts before any SQL is built', () => {
    const bad = [
      { ...controls, from: "2026-01-01'; DROP TABLE raw.app_downloads_standard; --" },
      { ...controls, to: '2026-01-31 OR 1=1' },
      { ...controls, apps: ["1476097583') OR ('1'='1"] },
      { ...controls, granularity: 'DAILY; DROP' },
    ];
    for (const c of bad) expect(commands['pins:run'].input.safeParse({ ...input, controls: c }).success).toBe(false);
  });

  it('rejects a chart or query name that is not what the workbench allows', () => {
    const chart = { kind: 'line', x: 'date', y: ['downloads'], aggregate: 'sum' };
    expect(commands['pins:add'].input.safeParse({ queryName: 'Daily downloads', title: 'T', chart }).success).toBe(true);
    expect(commands['pins:add'].input.safeParse({ queryName: '../secrets', title: 'T', chart }).success).toBe(false);
    expect(commands['pins:add'].input.safeParse({ queryName: 'ok', title: 'T', chart: { ...chart, kind: 'pie' } }).success).toBe(false);
  });
});
