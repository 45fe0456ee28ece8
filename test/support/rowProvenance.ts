// Tests that check where a report row came from read it through this: from schema 7 a raw row
// carries only `_segment_key`, and orchard.segment_keys names its instance, segment, granularity,
// processing date and access type under the pre-7 column names.

/**
 * SQL for a relation with every column of `relation` (e.g. `raw.app_crashes`, `main.app_crashes`)
 * plus `_instance_id`, `_segment_id`, `_granularity`, `_processing_date` and `_access_type`.
 */
export function withProvenance(relation: string): string {
  return `(SELECT t.*, k.instance_id AS _instance_id, k.segment_id AS _segment_id, k.granularity AS _granularity,
    k.processing_date AS _processing_date, k.access_type AS _access_type
  FROM ${relation} AS t JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key)`;
}
