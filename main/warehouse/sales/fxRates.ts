// Loads the user's exchange rates into sales.fx_rates (Apple's rates are not in the API). DuckDB
// reads the CSV with explicit types; rows are checked (ISO codes, positive rate, ordered dates, no
// overlap for a currency pair) before they replace the rows of the same source, all in one go.

import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import { duckdbMessage } from '../errors';
import { sqlString } from '../sql';
import { SALES_SCHEMA } from './salesTables';

const STAGE = 'orchard_fx_import';

/** `currency,target_currency,rate,valid_from,valid_to` with a header line; dates YYYY-MM-DD. */
export async function importFxRates(connection: DuckDBConnection, filePath: string, source: string): Promise<{ rows: number }> {
  await connection.run(`DROP TABLE IF EXISTS temp.${STAGE}`);
  try {
    await connection.run(`CREATE TEMP TABLE ${STAGE} AS SELECT * FROM read_csv(${sqlString(filePath)}, header=true, auto_detect=false, delim=',', quote='"',
      columns={'currency': 'VARCHAR', 'target_currency': 'VARCHAR', 'rate': 'DECIMAL(18,8)', 'valid_from': 'DATE', 'valid_to': 'DATE'})`);
  } catch (error) {
    throw new OrchardError('BAD_INPUT', `The rates file could not be read: ${duckdbMessage(error)}. Expected the columns currency,target_currency,rate,valid_from,valid_to (dates as YYYY-MM-DD).`);
  }
  const problems = await connection.runAndReadAll(`
    SELECT 'row ' || rn || ': ' || CASE
      WHEN NOT regexp_full_match(coalesce(currency, ''), '[A-Z]{3}') OR NOT regexp_full_match(coalesce(target_currency, ''), '[A-Z]{3}') THEN 'currencies must be ISO codes like EUR'
      WHEN rate IS NULL OR rate <= 0 THEN 'the rate must be a positive number'
      WHEN valid_from IS NULL OR valid_to IS NULL OR valid_from > valid_to THEN 'valid_from must be on or before valid_to'
      END AS problem
    FROM (SELECT *, row_number() OVER () AS rn FROM temp.${STAGE}) WHERE problem IS NOT NULL
    UNION ALL
    SELECT 'rates for ' || a.currency || '→' || a.target_currency || ' overlap (' || a.valid_from || '…' || a.valid_to || ' and ' || b.valid_from || '…' || b.valid_to || ')'
    FROM temp.${STAGE} a JOIN (SELECT * FROM temp.${STAGE} UNION ALL SELECT currency, target_currency, rate, valid_from, valid_to FROM ${SALES_SCHEMA}.fx_rates WHERE source <> ${sqlString(source)}) b
      ON a.currency = b.currency AND a.target_currency = b.target_currency AND a.valid_from <= b.valid_to AND b.valid_from <= a.valid_to
      AND (a.valid_from, a.valid_to, a.rate) IS DISTINCT FROM (b.valid_from, b.valid_to, b.rate)
    LIMIT 5`);
  const found = problems.getRowsJson().map(([p]) => String(p));
  if (found.length > 0) throw new OrchardError('BAD_INPUT', `The rates were not imported: ${found.join('; ')}.`);
  await connection.run(`DELETE FROM ${SALES_SCHEMA}.fx_rates WHERE source = ${sqlString(source)}`);
  await connection.run(`INSERT INTO ${SALES_SCHEMA}.fx_rates SELECT currency, target_currency, rate, valid_from, valid_to, ${sqlString(source)} FROM temp.${STAGE}`);
  const count = await connection.runAndReadAll(`SELECT count(*) FROM temp.${STAGE}`);
  await connection.run(`DROP TABLE temp.${STAGE}`);
  return { rows: Number(count.getRowsJson()[0]?.[0] ?? 0) };
}

export async function setReportingCurrency(connection: DuckDBConnection, currency: string): Promise<void> {
  if (!/^[A-Z]{3}$/.test(currency)) throw new OrchardError('BAD_INPUT', 'A currency is a three-letter ISO code such as USD or EUR.');
  await connection.run(`DELETE FROM ${SALES_SCHEMA}.reporting_currency`);
  await connection.run(`INSERT INTO ${SALES_SCHEMA}.reporting_currency VALUES (${sqlString(currency)})`);
}
