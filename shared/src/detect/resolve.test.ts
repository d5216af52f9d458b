import { describe, expect, it } from '@jest/globals';
import { resolveOverlaps, type Ranked } from './resolve.js';

const c = (start: number, end: number, priority: number, score = 0.6, kind: Ranked['kind'] = 'PHONE'): Ranked => ({
  start, end, priority, score, kind, recognizer: `${kind}-${priority}`, why: '',
});
const spans = (rs: Ranked[]) => rs.map((r) => `${r.recognizer}@${r.start}-${r.end}`);
const byCategory = (r: Ranked) => (r.kind === 'CONDITION' ? 'health' : 'identifier');

describe('overlap resolution', () => {
  it('the specific recognizer wins an overlap whatever its score', () => {
    expect(spans(resolveOverlaps([c(0, 10, 10, 0.9), c(0, 10, 32, 0.6, 'LICENSE')], byCategory))).toEqual(['LICENSE-32@0-10']);
  });

  it('at equal priority the higher score, then the longer span, wins', () => {
    expect(spans(resolveOverlaps([c(0, 5, 1, 0.5), c(2, 8, 1, 0.7)], byCategory))).toEqual(['PHONE-1@2-8']);
    expect(spans(resolveOverlaps([c(0, 5, 1), c(0, 8, 1)], byCategory))).toEqual(['PHONE-1@0-8']);
  });

  it('touching spans do not overlap', () => {
    expect(spans(resolveOverlaps([c(0, 5, 1), c(5, 9, 1)], byCategory))).toEqual(['PHONE-1@0-5', 'PHONE-1@5-9']);
  });

  it('an identifier and a health term on the same text are both kept', () => {
    expect(resolveOverlaps([c(0, 5, 1), c(0, 5, 1, 0.6, 'CONDITION')], byCategory)).toHaveLength(2);
  });

  it('the result does not depend on input order', () => {
    const input = [c(0, 4, 1), c(3, 9, 2), c(8, 12, 1, 0.9), c(20, 25, 1), c(22, 30, 1, 0.4)];
    const forward = spans(resolveOverlaps(input, byCategory));
    expect(spans(resolveOverlaps([...input].reverse(), byCategory))).toEqual(forward);
    expect(forward).toEqual(['PHONE-2@3-9', 'PHONE-1@20-25']);
  });
});
