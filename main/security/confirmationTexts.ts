// What the desktop app's native confirmations say: each names the thing about to go (the app and
// request, the key, the table or saved query) and what cannot be undone, in words main chose, not the renderer.
import type { AccessType } from '../../shared/ascTypes';
import type { ConfirmRequest } from '../platform/desktopDialogs';

export function requestDeletionText(facts: { appId: string; requestId: string; appName?: string | undefined; accessType?: AccessType | undefined }): ConfirmRequest {
  const app = facts.appName ? `${facts.appName} (${facts.appId})` : `app ${facts.appId}`;
  const kind = facts.accessType === 'ONE_TIME_SNAPSHOT' ? 'history snapshot' : facts.accessType === 'ONGOING' ? 'ongoing' : '';
  return {
    title: 'Delete report request',
    message: `Delete the ${kind ? `${kind} ` : ''}report request of ${app} at Apple?`,
    detail: `Request ${facts.requestId}. Apple stops producing its reports and removes those not downloaded yet; this cannot be undone. Data Orchard already loaded stays.`,
    confirmLabel: 'Delete request',
  };
}

export function requestRecreationText(facts: { appId: string; requestId: string; appName?: string | undefined }): ConfirmRequest {
  const app = facts.appName ? `${facts.appName} (${facts.appId})` : `app ${facts.appId}`;
  return {
    title: 'Recreate report request',
    message: `Recreate the stopped ongoing report request of ${app} at Apple?`,
    detail: `Request ${facts.requestId} is deleted and a new ongoing one created. Apple removes the old request's reports not downloaded yet; new data usually appears within 24–48 hours. Data Orchard already loaded stays.`,
    confirmLabel: 'Recreate request',
  };
}

export function keyRemovalText(facts: { keyId: string; label?: string | undefined }): ConfirmRequest {
  return {
    title: 'Remove API key',
    message: `Remove the API key ${facts.label ? `“${facts.label}” ` : ''}(${facts.keyId}) from Orchard?`,
    detail: 'Its private key is deleted from the keychain; you need the .p8 file to add it again. Data already downloaded stays.',
    confirmLabel: 'Remove key',
  };
}

export function historyClearingText(): ConfirmRequest {
  return {
    title: 'Clear query history',
    message: 'Clear the whole query history?',
    detail: 'Every past query and its outcome is deleted from this computer. Saved queries stay.',
    confirmLabel: 'Clear history',
  };
}

export function keyReplacementText(facts: { keyId: string; label?: string | undefined }): ConfirmRequest {
  return {
    title: 'Replace API key',
    message: `Replace the stored private key of ${facts.label ? `“${facts.label}” ` : ''}(${facts.keyId})?`,
    detail: 'The private key now in the keychain is overwritten with the one just chosen. Apple lets a .p8 file be downloaded only once: without your copy of the old file it cannot be restored.',
    confirmLabel: 'Replace key',
  };
}

export function savedQueryDeletionText(name: string): ConfirmRequest {
  return {
    title: 'Delete saved query',
    message: `Delete the saved query “${name}”?`,
    detail: `Its file ${name}.sql is deleted from the queries folder. Pins that run it stop working.`,
    confirmLabel: 'Delete query',
  };
}

export function savedQueryOverwriteText(name: string): ConfirmRequest {
  return {
    title: 'Overwrite saved query',
    message: `Overwrite the saved query “${name}”?`,
    detail: `The file ${name}.sql gets the SQL of this tab; what it held before is lost. Pins that run it run the new SQL.`,
    confirmLabel: 'Overwrite',
  };
}

export function quarantineClearingText(): ConfirmRequest {
  return {
    title: 'Clear quarantine',
    message: 'Delete the quarantined files?',
    detail: 'The refused report files kept for inspection are deleted; files Orchard stopped downloading are downloaded again at the next sync.',
    confirmLabel: 'Clear quarantine',
  };
}

export function importedTableDropText(table: string): ConfirmRequest {
  return {
    title: 'Drop imported table',
    message: `Drop the table user.${table}?`,
    detail: 'The table and its copy of the imported file are deleted from the data folder; your original file is not touched.',
    confirmLabel: 'Drop table',
  };
}

export function importedTableReplaceText(table: string): ConfirmRequest {
  return {
    title: 'Replace imported table',
    message: `Replace the table user.${table} with the new file?`,
    detail: 'The rows now in the table are replaced by those of the file just imported.',
    confirmLabel: 'Replace table',
  };
}

export function warehouseRebuildText(): ConfirmRequest {
  return {
    title: 'Rebuild the warehouse',
    message: 'Rebuild the warehouse from the downloaded files?',
    detail: 'The report data in the warehouse is loaded again from the files downloaded to the data folder (no call to Apple); this can take a while.',
    confirmLabel: 'Rebuild',
  };
}
