// Presigned-URL signing for the S3 stand-in: SigV4-shaped query parameters, an HMAC over the path,
// date and expiry, valid for 300 s of fake time from the moment the API signed it.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { amzDate, compactDate, dayOf, parseAmzDate } from './dates';

export const URL_EXPIRES_SECONDS = 300;
const ACCESS_KEY = 'ASIAFAKEORCHARD00000';

export type UrlVerdict = 'ok' | 'missing' | 'signature' | 'expired';

export class S3Signer {
  constructor(private readonly secret: Buffer) {}

  private signature(path: string, date: string, expires: string, credential: string): string {
    return createHmac('sha256', this.secret).update(`GET\n${path}\n${date}\n${expires}\n${credential}`).digest('hex');
  }

  url(baseUrl: string, path: string, nowMs: number): string {
    const date = amzDate(nowMs);
    const credential = `${ACCESS_KEY}/${compactDate(dayOf(nowMs))}/us-east-1/s3/aws4_request`;
    const expires = String(URL_EXPIRES_SECONDS);
    const query = [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'], ['X-Amz-Credential', credential], ['X-Amz-Date', date],
      ['X-Amz-Expires', expires], ['X-Amz-SignedHeaders', 'host'], ['X-Amz-Signature', this.signature(path, date, expires, credential)],
    ].map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&');
    return `${baseUrl}${path}?${query}`;
  }

  verify(path: string, query: URLSearchParams, nowMs: number): UrlVerdict {
    const date = query.get('X-Amz-Date');
    const expires = query.get('X-Amz-Expires');
    const credential = query.get('X-Amz-Credential');
    const signature = query.get('X-Amz-Signature');
    if (!date || !expires || !credential || !signature || query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'missing';
    const expected = Buffer.from(this.signature(path, date, expires, credential), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'signature';
    const signedAt = parseAmzDate(date);
    if (signedAt === undefined || nowMs > signedAt + Number(expires) * 1000) return 'expired';
    return 'ok';
  }
}
