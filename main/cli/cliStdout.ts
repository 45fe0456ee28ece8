// Writing results to stdout as a pipe expects: wait for 'drain' when the reader is slow (memory
// stays bounded), and end quietly when the reader has gone (`orchard query … | head`).
import type { Writable } from 'node:stream';

export class ReaderGone extends Error {}

/** Resolves once `text` is handed over and the stream can take more; rejects ReaderGone on EPIPE. */
export function writeWithBackpressure(out: Writable, text: string): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new ReaderGone('stdout closed'));
  if (text === '' || out.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: NodeJS.ErrnoException) => done(error.code === 'EPIPE' ? new ReaderGone('EPIPE') : error);
    const onClose = () => done(new ReaderGone('stdout closed'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** A reader that left is not an error: without this, Node prints an EPIPE stack trace. */
export function quietOnBrokenPipe(out: Writable, onGone: () => void): void {
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') onGone();
  });
}

/**
 * Resolves once everything written to `out` has been handed to the OS. process.exit() drops what a
 * pipe has not taken yet (a slow reader): a JSON result lost its closing `]` with exit code 0.
 */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('error', done);
      out.off('close', done);
      resolve();
    };
    out.once('error', done);
    out.once('close', done);
    // Writes complete in order: the callback of an empty write runs after every earlier one.
    out.write('', () => done());
  });
}
