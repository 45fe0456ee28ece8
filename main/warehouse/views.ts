// The `main.<report>` views: Apple's restatement rule over the raw vintages. For each (app,
// granularity, date) only the rows of the instance with the newest processing date count, ties
// going to ONGOING over ONE_TIME_SNAPSHOT, then to the greatest instance ID. The window runs over
// the small set of distinct (key, instance) pairs and is semi-joined back, not over every row.
import { APP_ID_COLUMN, type TableColumns } from './tableLayout';
import { qualified, quoteIdent } from './sql';

export function latestViewSql(tableName: string, tableColumns: TableColumns, dateColumn: string | null): string {
  const hasApp = tableColumns.has(APP_ID_COLUMN);
  const app = quoteIdent(APP_ID_COLUMN);
  // Rows without a date (a column missing from some files) key on their processing date instead,
  // so undated vintages are kept side by side rather than hiding each other.
  const day = dateColumn === null ? 'NULL::DATE' : quoteIdent(dateColumn);
  const keyColumns = [...(hasApp ? [app] : []), '_granularity', '_day', '_undated'];
  const joinOn = [
    't._instance_id = w._instance_id',
    ...(hasApp ? [`t.${app} IS NOT DISTINCT FROM w.${app}`] : []),
    ...(dateColumn === null ? [] : [`t.${day} IS NOT DISTINCT FROM w._day`]),
  ];
  return `CREATE OR REPLACE VIEW ${qualified('main', tableName)} AS
WITH vintages AS (
  SELECT DISTINCT ${hasApp ? `${app}, ` : ''}_granularity, ${day} AS _day,
    CASE WHEN ${day} IS NULL THEN _processing_date END AS _undated,
    _processing_date, _access_type, _instance_id
  FROM ${qualified('raw', tableName)}
), winners AS (
  SELECT * FROM vintages
  QUALIFY row_number() OVER (
    PARTITION BY ${keyColumns.join(', ')}
    ORDER BY _processing_date DESC, (_access_type = 'ONGOING') DESC, _instance_id DESC) = 1
)
SELECT t.* FROM ${qualified('raw', tableName)} AS t
SEMI JOIN winners AS w ON ${joinOn.join(' AND ')}`;
}
