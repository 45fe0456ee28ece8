// Above every screen while Orchard browses a published lake: read-only, which snapshot, who
// published it and when. Stands in for the warehouse notice (whose rebuild has no meaning here).
import { useLakeMode } from './lakeMode';
import { publishedLine } from './lakeText';

export function LakeBanner() {
  const mode = useLakeMode();
  if (!mode.lake) return null;
  const published = mode.lake.published;
  return (
    <div className="notice-item tone-info" role="status" aria-label="Read-only lake" data-testid="lake-banner">
      {published ? (
        <span>
          <strong>Read-only lake</strong> <code>{published.dir}</code>. {publishedLine(mode)} Browsing, queries and dashboards work; nothing syncs here
          and no Apple key is needed.
        </span>
      ) : (
        <span>{mode.message}</span>
      )}
    </div>
  );
}
