// HEIC photos for the service and the CLI, when switched on (attachments.heic, `scan --heic`):
// heic-decode wraps libheif and the libde265 HEVC decoder compiled to wasm, LGPL-3.0 and under HEVC
// patents, hence opt-in. It runs in the extraction thread (extract-thread.ts), which is ended if a
// hostile file makes decoding spin.
/// <reference path="./heic-decode.d.ts" />
import type { HeifDecoder } from '@phiguard/attachments';

type HeicDecode = typeof import('heic-decode');

let loading: Promise<HeicDecode> | undefined;

/** Loaded on the first HEIC file, so a thread that never sees one never compiles the 1.4 MB wasm. */
function loadHeicDecode(): Promise<HeicDecode> {
  loading ??= import('heic-decode').then(({ default: decode }) => {
    // libheif-js reports a file it cannot parse with console.log; this thread's stdout is the process's,
    // where the CLI prints its report and the service its JSON log lines.
    console.log = () => undefined;
    return decode;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Sizes from the file's boxes first, pixels (RGBA) only when the reader asks for them. */
export const heifDecoder: HeifDecoder = {
  async open(data) {
    const images = await (await loadHeicDecode()).all({ buffer: data });
    return { images, close: () => images.dispose() };
  },
};
