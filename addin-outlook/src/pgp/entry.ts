// pgp.js: OpenPGP encryption in a script of its own, which the task pane loads only when the user
// encrypts: openpgp alone is about as large as the rest of the task pane (src/taskpane/pgp-loader.ts).
import { encryptText } from './encrypt.js';

/** What pgp.js offers the page, as `globalThis.PhiGuardPgp`. */
export interface PhiGuardPgp {
  readonly encryptText: typeof encryptText;
}

const pgp: PhiGuardPgp = { encryptText };
(globalThis as { PhiGuardPgp?: PhiGuardPgp }).PhiGuardPgp = pgp;
