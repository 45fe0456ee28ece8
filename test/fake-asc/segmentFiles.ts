// Segment file bytes: the instance's rows between the segment's positions, written as a gzip TSV
// (or the configured format), built on first use and cached; checksum = MD5 hex of the gz bytes.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FakeContext } from './context';
import { hashOf } from './hash';
import { rowScopeOf } from './production';
import { DateBlock } from './rows';
import type { InstanceRecord, SegmentFile, SegmentRecord } from './store';
import type { FileFormat } from './types';

export function instanceBlocks(ctx: FakeContext, instance: InstanceRecord): DateBlock[] {
  const scope = rowScopeOf(ctx, instance.report.request.app, instance.report.def, instance.granularity);
  return instance.dates.map((date) => new DateBlock(scope, date, instance.processingDay));
}

export function fileFormatOf(ctx: FakeContext, reportName: string): FileFormat {
  return { ...ctx.options.fileFormat, ...ctx.options.fileFormats[reportName] };
}

export function segmentFile(ctx: FakeContext, segment: SegmentRecord): SegmentFile {
  if (segment.file) return segment.file;
  const instance = segment.instance;
  const def = instance.report.def;
  const format = fileFormatOf(ctx, def.name);
  const delimiter = format.delimiter ?? '\t';
  const eol = format.crlf ? '\r\n' : '\n';
  const order = def.columns.map((_, index) => index);
  if (format.shuffleColumns) {
    const rank = (index: number) => hashOf(ctx.options.seed, instance.id, index);
    order.sort((a, b) => rank(a) - rank(b));
  }
  const header = order.map((index) => def.columns[index]?.name ?? '').join(delimiter);
  const lines: string[] = [format.lowerCaseHeader ? header.toLowerCase() : header];
  let blockStart = 0;
  for (const block of instanceBlocks(ctx, instance)) {
    const from = Math.max(segment.fromRow, blockStart) - blockStart;
    const to = Math.min(segment.toRow, blockStart + block.total) - blockStart;
    for (let row = from; row < to; row++) {
      if (!block.isPresent(row)) continue;
      const cells = block.cells(row);
      lines.push(order.map((index) => cells[index] ?? '').join(delimiter));
    }
    blockStart += block.total;
  }
  const text = Buffer.from(`${format.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`, 'utf8');
  const gz = gzipMembers(text, Math.max(1, format.gzipMembers ?? 1));
  segment.file = { gz, md5: createHash('md5').update(gz).digest('hex') };
  return segment.file;
}

function gzipMembers(text: Buffer, members: number): Buffer {
  if (members === 1) return gzipSync(text, { level: 6 });
  const parts: Buffer[] = [];
  for (let i = 0; i < members; i++) {
    const part = text.subarray(Math.floor((i * text.length) / members), Math.floor(((i + 1) * text.length) / members));
    parts.push(gzipSync(part, { level: 6 }));
  }
  return Buffer.concat(parts);
}
