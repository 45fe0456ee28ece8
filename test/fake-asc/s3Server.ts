// The S3 stand-in listener: serves segment bytes for valid presigned URLs, answers S3-style XML
// errors (expired, tampered, Authorization header present, missing key), supports a byte Range,
// and applies the download faults (short body, connection reset, flipped byte).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FakeContext } from './context';
import { recordDownload } from './production';
import { segmentFile } from './segmentFiles';

function xmlError(res: ServerResponse, status: number, code: string, message: string, extra = ''): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}</RequestId><HostId>fake-orchard-s3</HostId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function takeFault(ctx: FakeContext, name: 'truncateNextDownloads' | 'resetNextDownloads' | 'corruptBodyNext'): boolean {
  if (ctx.faults[name] <= 0) return false;
  ctx.faults[name]--;
  return true;
}

function parseRange(header: string | undefined, size: number): [number, number] | undefined | 'invalid' {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  return start > end || start >= size ? 'invalid' : [start, end];
}

export function handleS3Request(ctx: FakeContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.catchUp();
  const url = new URL(req.url ?? '/', 'http://s3.invalid');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return;
  }
  if (req.headers.authorization !== undefined) {
    xmlError(res, 403, 'AccessDenied', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
    return;
  }
  const now = ctx.clock.nowMs();
  const verdict = ctx.signer.verify(url.pathname, url.searchParams, now);
  if (verdict === 'missing') return xmlError(res, 403, 'AccessDenied', 'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters');
  if (verdict === 'signature') return xmlError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  if (verdict === 'expired') {
    return xmlError(res, 403, 'AccessDenied', 'Request has expired', `<X-Amz-Expires>${url.searchParams.get('X-Amz-Expires')}</X-Amz-Expires><ServerTime>${new Date(now).toISOString()}</ServerTime>`);
  }
  const segment = ctx.store.segmentsByS3Path.get(url.pathname);
  if (!segment || !ctx.store.isInstanceLive(segment.instance, now)) {
    return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${url.pathname.slice(1)}</Key>`);
  }
  const file = segmentFile(ctx, segment);
  const headers: Record<string, string | number> = {
    'Content-Type': 'binary/octet-stream', ETag: `"${file.md5}"`, 'Accept-Ranges': 'bytes',
    'Last-Modified': new Date(segment.instance.producedAt).toUTCString(),
  };
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': file.gz.length });
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, file.gz.length);
  if (range === 'invalid') return xmlError(res, 416, 'InvalidRange', 'The requested range is not satisfiable');
  let body = range ? file.gz.subarray(range[0], range[1] + 1) : file.gz;
  if (takeFault(ctx, 'corruptBodyNext')) {
    body = Buffer.from(body);
    const middle = Math.floor(body.length / 2);
    body[middle] = (body[middle] ?? 0) ^ 0xff;
  }
  const status = range ? 206 : 200;
  if (range) headers['Content-Range'] = `bytes ${range[0]}-${range[1]}/${file.gz.length}`;
  ctx.stats.downloads++;
  recordDownload(ctx, segment);
  const half = body.subarray(0, Math.floor(body.length / 2));
  if (takeFault(ctx, 'truncateNextDownloads')) {
    res.writeHead(status, headers);
    ctx.stats.bytesServed += half.length;
    res.end(half);
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Length': body.length });
  if (takeFault(ctx, 'resetNextDownloads')) {
    ctx.stats.bytesServed += half.length;
    res.write(half, () => res.socket?.destroy());
    return;
  }
  ctx.stats.bytesServed += body.length;
  res.end(body);
}
