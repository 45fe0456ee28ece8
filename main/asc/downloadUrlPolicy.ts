// Which URLs a segment download may open, checked for the first URL and for every redirect hop:
// https only (plain http only to this machine, and only when the API itself is on this machine,
// i.e. tests and the demo); never the user's own machine or network (loopback, private,
// link-local, 0.0.0.0, carrier-grade NAT, multicast, reserved, NAT64/6to4/Teredo) when talking to
// Apple; never the API host. Hosts are judged by their literal spelling: a public name that DNS
// resolves to a private address is not caught here.
import { OrchardError } from '../../shared/errors';
import { classifyHost, isLoopbackLiteral } from './hostClass';
import { originOf } from './urls';

/** Redirects followed per download; S3 presigned URLs need none, so a few is generous. */
export const MAX_DOWNLOAD_REDIRECTS = 3;

export type DownloadUrlCheck = (url: string) => URL;

export function downloadUrlPolicy(apiBaseUrl: string): DownloadUrlCheck {
  const apiOrigin = originOf(apiBaseUrl);
  // Only a literal loopback API (tests, demo) lets downloads come from this machine; *.localhost names do not.
  const apiOnThisMachine = apiOrigin !== undefined && isLoopbackLiteral(new URL(apiOrigin).hostname);
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refused('is not a valid URL', 'segment-url-invalid');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused('is not an http(s) URL', 'segment-url-invalid');
    if (url.username !== '' || url.password !== '') throw refused('carries a user name or password', 'segment-url-invalid');
    if (url.origin === apiOrigin) {
      // That host never serves segment bytes: a mix-up (e.g. a links.self) whose 401/403 would be
      // misread as an expired link and send the sync into a re-listing loop.
      throw refused('points at the App Store Connect API itself', 'segment-url-on-api-host');
    }
    const host = classifyHost(url.hostname);
    const allowedLocal = apiOnThisMachine && isLoopbackLiteral(url.hostname);
    if (host !== 'public' && !allowedLocal) throw refused(`points at a ${host} address`, 'segment-url-private-host');
    if (url.protocol === 'http:' && !allowedLocal) throw refused('is not https', 'segment-url-not-https');
    return url;
  };
}

function refused(why: string, reason: string): OrchardError {
  return new OrchardError('BAD_INPUT', `A report file link from App Store Connect ${why}; Orchard refused to download it.`, { reason });
}
