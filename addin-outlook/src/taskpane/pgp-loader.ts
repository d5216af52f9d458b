import type { PhiGuardPgp } from '../pgp/entry.js';

/**
 * The little of the page the loader uses. Declared here because apply-fix.ts imports this module
 * and the task pane's Node tests compile it without the DOM library.
 */
interface Page {
  PhiGuardPgp?: PhiGuardPgp;
  readonly document: {
    createElement(tag: 'script'): PageScript;
    readonly head: { append(node: PageScript): void };
  };
}
interface PageScript {
  src: string;
  addEventListener(type: 'load' | 'error', listener: () => void, options: { once: boolean }): void;
  remove(): void;
}

let loading: Promise<PhiGuardPgp> | undefined;

/**
 * OpenPGP encryption, from pgp.js beside the task pane (its own script, to keep taskpane.js small;
 * the CSP allows scripts from 'self' only, so it is added as a script element, never inline).
 * Loaded once; a failed load is tried again on the next call.
 */
export function loadPgp(): Promise<PhiGuardPgp> {
  loading ??= inject().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function inject(): Promise<PhiGuardPgp> {
  const page = globalThis as unknown as Page;
  if (page.PhiGuardPgp) return Promise.resolve(page.PhiGuardPgp);
  return new Promise((resolve, reject) => {
    const script = page.document.createElement('script');
    script.addEventListener('load', () => (page.PhiGuardPgp ? resolve(page.PhiGuardPgp) : reject(new Error('pgp.js did not load OpenPGP'))), { once: true });
    script.addEventListener(
      'error',
      () => {
        script.remove();
        reject(new Error('pgp.js could not be loaded'));
      },
      { once: true },
    );
    script.src = 'pgp.js';
    page.document.head.append(script);
  });
}
