import { Readable, Writable } from 'node:stream';
import { DecisionSchema } from '@phiguard/core';
import { checkJsonl } from '../../../service/src/commands/check.js';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase } from '../fixture.js';

/** `phi-guard check --jsonl`: the draft goes through a JSON line and comes back as one. */
export const cliCheckAdapter: RegisteredAdapter = {
  name: 'cli check --jsonl',
  async decide(c: ParityCase) {
    const { policy, name, ...draft } = c;
    const line = JSON.stringify({ id: name, ...draft });
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    await checkJsonl(Readable.from([line]), sink, { policy });
    const { id, ...decision } = JSON.parse(out) as Record<string, unknown>;
    if (id !== name) throw new Error(`cli check answered for ${String(id)}: ${out}`);
    return DecisionSchema.parse(decision);
  },
};
