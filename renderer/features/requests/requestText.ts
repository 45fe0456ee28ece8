// Words for report requests: names of the access types and what deleting or recreating means.
import type { AccessType } from '../../../shared/ascTypes';

export function accessTypeLabel(accessType: AccessType): string {
  return accessType === 'ONGOING' ? 'Ongoing' : 'History snapshot';
}

export const DELETE_CONSEQUENCES = (accessType: AccessType): string[] => [
  'Apple stops producing data for this request.',
  'Its reports and instances go away on Apple’s side, including any you have not downloaded yet. Data Orchard already loaded stays in your warehouse.',
  'Apple allows about one history snapshot per app every 31 days, deleted ones included: a new snapshot may not be possible for a while.',
  ...(accessType === 'ONGOING' ? ['The next sync asks Apple for ongoing reports again (with an Admin key), and Apple needs 24–48 hours for the first data.'] : []),
];

export const RECREATE_CONSEQUENCES = [
  'Orchard deletes the stopped request and creates a new ongoing one.',
  'Apple usually needs 24–48 hours before new data appears; days Apple skipped while the request was stopped are not produced.',
  'Data Orchard already loaded stays in your warehouse.',
];
