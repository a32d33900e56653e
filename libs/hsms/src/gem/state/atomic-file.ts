import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `data` to `path` so that a crash leaves either the old file or the new one, never a mix:
 * a temporary file beside it, written and (when `sync`) flushed, then renamed over the target
 * (rename is atomic within a directory), then the directory flushed so the rename itself lasts.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, sync: boolean): void {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  if (sync) syncDirectory(dirname(path));
}

/** Flushes a directory entry (Linux and macOS; Windows cannot open a directory and needs no flush). */
export function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // not supported on this platform: the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
