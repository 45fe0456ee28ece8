// On a screen that syncs or holds keys: when Orchard browses a read-only lake, says so, who
// published it when, and why there is nothing to do here. Renders nothing over a warehouse.
import { useLakeMode } from './lakeMode';
import { LAKE_TOPIC_TEXT, publishedLine, type LakeTopic } from './lakeText';

export function LakeModeNotice({ topic }: { topic: LakeTopic }) {
  const mode = useLakeMode();
  if (!mode.lake) return null;
  return (
    <section className="card" role="note" aria-label="Read-only lake" data-testid="lake-mode-notice">
      <h2>This is a read-only lake</h2>
      <p>{publishedLine(mode)}</p>
      <p>{LAKE_TOPIC_TEXT[topic]}</p>
    </section>
  );
}
