// Reads only the first line of a gzipped segment (stopping the stream there) to learn its column
// names and delimiter; DuckDB reads the rest. Apple's files are tab-separated despite `.csv.gz`,
// but some reports have been seen comma-separated, so the header decides.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { OrchardError } from '../../shared/errors';

export interface SegmentHeader {
  delimiter: '\t' | ',';
  /** The header line without BOM and line ending, exactly as the file has it. */
  line: string;
  /** Field texts as in the file (used to recognise repeated header lines). */
  fields: string[];
  /** Trimmed field texts (used to map columns). */
  names: string[];
}

/** A header longer than this is not a header. */
const MAX_HEADER_BYTES = 1 << 20;

/** The header of a segment, or null when the decompressed file is empty. */
export async function readSegmentHeader(filePath: string): Promise<SegmentHeader | null> {
  const bytes = await readFirstLine(filePath);
  if (bytes.length === 0) return null;
  const line = bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
  const tabs = line.split('\t').length - 1;
  const commas = line.split(',').length - 1;
  const delimiter = tabs === 0 && commas > 0 ? ',' : '\t';
  const fields = line.split(delimiter);
  return { delimiter, line, fields, names: fields.map((field) => field.trim()) };
}

async function readFirstLine(filePath: string): Promise<Buffer> {
  const source = createReadStream(filePath);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const newline = chunk.indexOf(0x0a);
      chunks.push(newline >= 0 ? chunk.subarray(0, newline) : chunk);
      length += chunk.length;
      if (newline >= 0) break;
      if (length > MAX_HEADER_BYTES) {
        throw new OrchardError('BAD_INPUT', `The segment file has no header line in its first MiB: ${filePath}`, { file: filePath });
      }
    }
  } catch (error) {
    if (error instanceof OrchardError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new OrchardError('BAD_INPUT', `Cannot read the segment file ${filePath}: ${message}`, { file: filePath });
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(chunks);
}
