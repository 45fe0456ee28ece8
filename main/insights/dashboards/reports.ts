// The reports the dashboards read, by their Standard (or single-level) API names.
export const ENGAGEMENT = 'App Store Discovery and Engagement Standard';
export const WEB_PREVIEW = 'App Store Web Preview Engagement Standard';
export const DOWNLOADS = 'App Downloads Standard';
export const PURCHASES = 'App Store Purchases Standard';
export const SESSIONS = 'App Sessions Standard';
export const INSTALLS = 'App Store Installation and Deletion Standard';
export const CRASHES = 'App Crashes';
export const INSTALL_PERFORMANCE = 'App Install Performance';

/** Why a unique count is shown only as Apple publishes it. */
export function uniqueNoteFor(what: string, report: string): string {
  return `${what} is a unique count: Apple publishes it per row of ${report} (per day, week or month and every `
    + 'dimension of the row), and no report carries a total. Adding rows would count a person or device more than '
    + 'once, so the tile lists Apple\'s rows as published, largest first, and never sums them.';
}
