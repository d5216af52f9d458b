// What each built script carries: the task pane's script stays small, and everything that reads
// attachments (pdf.js, the Office and mail readers, tesseract.js) is in the worker it loads lazily.
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { extractWorkerBuild, taskPaneBuild } from '../../scripts/build-options.js';

const root = join(__dirname, '..', '..');
const built = async (options: BuildOptions) => (await build({ ...options, entryPoints: [(options.entryPoints as string[])[0]!], write: false })).outputFiles![0]!.text;

/** Strings each library keeps through minification. */
const READERS = { 'pdf.js': 'Invalid PDF structure', 'tesseract.js': 'tesseract', mammoth: 'word/document' } as const;

describe('the task pane bundles', () => {
  it('keeps the attachment readers and OCR out of taskpane.js and in the extraction worker', async () => {
    const [pane, worker] = await Promise.all([built(taskPaneBuild(root)), built(extractWorkerBuild(root))]);
    for (const [library, marker] of Object.entries(READERS)) {
      expect([library, pane.includes(marker)]).toEqual([library, false]);
      expect([library, worker.includes(marker)]).toEqual([library, true]);
    }
  }, 60_000);
});
