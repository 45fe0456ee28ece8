// What the desktop app's native confirmations say: each names the thing about to go (the app and
// request, the key) and what cannot be undone, in words main chose, not the renderer.
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
