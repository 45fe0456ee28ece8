// Sends a picked or dropped file to main for import: its bytes in ordered base64 chunks (main
// never sees a path from here), then asks main to load it; aborts the upload if a step fails.
import { OrchardError } from '../../../shared/errors';
import { IMPORT_CHUNK_BYTES, MAX_IMPORT_BYTES, type ImportFormat, type ImportedTable } from '../../../shared/imports';
import type { OrchardClient } from '../../ipc/client';

function base64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: a few thousand at a time.
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

export interface UploadRequest {
  file: Blob;
  table: string;
  format: ImportFormat;
  onProgress?: (fraction: number) => void;
}

/**
 * An open upload whose bytes all arrived; finish it or abort it. Replacing an existing table takes
 * a confirmation ticket (confirm:prepare, action 'imports:replace') for that table.
 */
export interface SentFile {
  finish(replace: boolean, confirmation?: string): Promise<ImportedTable>;
  abort(): Promise<void>;
}

export async function sendFile(client: OrchardClient, { file, table, format, onProgress }: UploadRequest): Promise<SentFile> {
  if (file.size === 0) throw new OrchardError('BAD_INPUT', 'The file is empty.');
  if (file.size > MAX_IMPORT_BYTES) throw new OrchardError('BAD_INPUT', 'Files up to 200 MB can be imported.');
  const { uploadId } = await client.invoke('imports:begin', { table, format, size: file.size });
  const abort = () => client.invoke('imports:abort', { uploadId }).then(() => undefined, () => undefined);
  try {
    for (let offset = 0; offset < file.size; offset += IMPORT_CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(offset, offset + IMPORT_CHUNK_BYTES).arrayBuffer());
      await client.invoke('imports:chunk', { uploadId, offset, data: base64(bytes) });
      onProgress?.(Math.min(1, (offset + bytes.length) / file.size));
    }
  } catch (error) {
    await abort();
    throw error;
  }
  return { finish: (replace, confirmation) => client.invoke('imports:finish', { uploadId, replace, ...(confirmation === undefined ? {} : { confirmation }) }), abort };
}
