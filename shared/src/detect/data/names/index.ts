import { frontDecode } from './decode.js';
import { FIRST_NAMES } from './first-names.js';
import { NOT_NAME_WORDS, STOP_WORDS } from './stop-words.js';
import { SURNAMES } from './surnames.js';

export interface NameLists {
  readonly first: ReadonlySet<string>;
  readonly surname: ReadonlySet<string>;
  readonly stop: ReadonlySet<string>;
  readonly notName: ReadonlySet<string>;
}

let lists: NameLists | undefined;

/** The name lists as lower-case sets, decoded once on first use so importing the engine stays cheap. */
export function nameLists(): NameLists {
  lists ??= {
    first: new Set(frontDecode(FIRST_NAMES)),
    surname: new Set(frontDecode(SURNAMES)),
    stop: new Set(STOP_WORDS.split(/\s+/).filter(Boolean)),
    notName: new Set(NOT_NAME_WORDS.split(/\s+/).filter(Boolean)),
  };
  return lists;
}
