import { describe, expect, it } from '@jest/globals';
import { categoryOf, type Field, type Kind } from '@phiguard/core';
import {
  checkTargets,
  draftMisses,
  matchSpans,
  overlaps,
  parseCorpus,
  ratio,
  score,
  scoreBinary,
  scoreSpans,
  type GoldSpan,
  type PredictedSpan,
  type Report,
  type Scored,
} from './score.js';

function span(field: Field, start: number, end: number, kind: Kind): PredictedSpan {
  return { field, start, end, kind, category: categoryOf(kind) };
}

function gold(field: Field, start: number, end: number, kind: Kind): GoldSpan {
  return { ...span(field, start, end, kind), text: '' };
}

interface DraftSpec {
  phi?: boolean;
  subjectPhi?: boolean;
  predictedPhi?: boolean;
  predictedSubjectPhi?: boolean;
  spans?: GoldSpan[];
  findings?: PredictedSpan[];
}

function draft(id: string, d: DraftSpec = {}): Scored {
  return {
    gold: { id, subject: 'subject line here', body: 'a body with enough text for any offsets used below', phi: d.phi ?? false, subjectPhi: d.subjectPhi ?? false, spans: d.spans ?? [] },
    prediction: { phi: d.predictedPhi ?? false, subjectPhi: d.predictedSubjectPhi ?? false, findings: d.findings ?? [] },
  };
}

describe('span overlap', () => {
  it.each([
    ['partial overlap on the left', span('body', 0, 5, 'NAME'), span('body', 3, 9, 'NAME'), true],
    ['one inside the other', span('body', 0, 20, 'NAME'), span('body', 5, 6, 'DATE'), true],
    ['identical', span('body', 4, 8, 'MRN'), span('body', 4, 8, 'MRN'), true],
    ['touching ends do not overlap (end is exclusive)', span('body', 0, 5, 'NAME'), span('body', 5, 9, 'NAME'), false],
    ['disjoint', span('body', 0, 3, 'NAME'), span('body', 10, 12, 'NAME'), false],
    ['same offsets in another field', span('subject', 0, 5, 'NAME'), span('body', 0, 5, 'NAME'), false],
    ['same offsets in another attachment', { ...span('attachment', 0, 5, 'NAME'), attachment: 0 }, { ...span('attachment', 0, 5, 'NAME'), attachment: 1 }, false],
  ])('%s', (_label, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

describe('span matching', () => {
  const identifiers = (s: { category: string }) => s.category === 'identifier';

  it('a gold span overlapped by two findings is found once, and both findings are correct', () => {
    const m = matchSpans([gold('body', 0, 10, 'NAME')], [span('body', 0, 4, 'NAME'), span('body', 6, 10, 'NAME')], identifiers);
    expect(m).toMatchObject({ gold: 1, predicted: 2, missed: [], falsePositives: [] });
  });

  it('a finding of the other category neither finds gold nor counts as a prediction', () => {
    const m = matchSpans([gold('body', 0, 10, 'NAME')], [span('body', 0, 10, 'CONDITION')], identifiers);
    expect(m.gold).toBe(1);
    expect(m.predicted).toBe(0);
    expect(m.missed).toHaveLength(1);
  });

  it('identifier recall and precision count overlaps in the same field only', () => {
    const r = scoreSpans(
      [
        draft('a', {
          spans: [gold('subject', 0, 7, 'NAME'), gold('body', 0, 7, 'NAME'), gold('body', 20, 28, 'MRN')],
          findings: [span('body', 2, 5, 'NAME'), span('body', 30, 35, 'PHONE'), span('subject', 20, 28, 'MRN')],
        }),
      ],
      'identifier',
    ).overall;
    expect(r).toMatchObject({ gold: 3, found: 1, predicted: 3, correct: 1 });
    expect(r.recall.value).toBeCloseTo(1 / 3);
    expect(r.precision.value).toBeCloseTo(1 / 3);
  });

  it('every identifier finding on a draft without gold spans is a false positive', () => {
    const r = scoreSpans(
      [
        draft('phi', { spans: [gold('body', 0, 4, 'SSN')], findings: [span('body', 0, 4, 'SSN')] }),
        draft('clean', { findings: [span('body', 0, 4, 'PHONE'), span('body', 10, 14, 'EMAIL')] }),
      ],
      'identifier',
    ).overall;
    expect(r).toMatchObject({ gold: 1, found: 1, predicted: 3, correct: 1 });
    expect(r.precision.value).toBeCloseTo(1 / 3);
  });

  it('per-kind rows need the kind to match while the overall row does not', () => {
    const r = scoreSpans([draft('a', { spans: [gold('body', 0, 10, 'NAME')], findings: [span('body', 0, 10, 'DATE')] })], 'identifier');
    expect(r.overall).toMatchObject({ found: 1, correct: 1 });
    expect(r.byKind.get('NAME')).toMatchObject({ gold: 1, found: 0, predicted: 0 });
    expect(r.byKind.get('NAME')!.precision.value).toBeUndefined();
    expect(r.byKind.get('DATE')).toMatchObject({ gold: 0, predicted: 1, correct: 0 });
    expect(r.byKind.get('DATE')!.precision.value).toBe(0);
  });

  it('per-kind rows list only kinds of the category, in the order kinds.ts declares them', () => {
    const r = scoreSpans([draft('a', { spans: [gold('body', 0, 3, 'SSN'), gold('body', 5, 9, 'CONDITION')], findings: [span('body', 20, 24, 'NAME')] })], 'identifier');
    expect([...r.byKind.keys()]).toEqual(['NAME', 'SSN']);
  });

  it('health recall counts any health finding, whatever its health kind', () => {
    const r = scoreSpans([draft('a', { spans: [gold('body', 0, 8, 'CONDITION'), gold('body', 10, 18, 'MEDICATION')], findings: [span('body', 0, 8, 'CARE')] })], 'health');
    expect(r.overall).toMatchObject({ gold: 2, found: 1, predicted: 1, correct: 1 });
    expect(r.overall.recall.value).toBe(0.5);
  });

  it('no gold and no findings leaves recall and precision unmeasured, not 0 or 100%', () => {
    const r = scoreSpans([draft('a')], 'identifier').overall;
    expect(r.recall).toEqual({ num: 0, den: 0, value: undefined });
    expect(r.precision.value).toBeUndefined();
  });
});

describe('message verdicts', () => {
  it('FPR divides false positives by gold negatives, recall true positives by gold positives', () => {
    const s = scoreBinary([
      [true, true],
      [true, false],
      [true, true],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(s).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 3 });
    expect(s.recall.value).toBeCloseTo(2 / 3);
    expect(s.fpr.value).toBe(0.25);
  });

  it('with no negatives FPR is unmeasured; with no positives recall is', () => {
    expect(scoreBinary([[true, true]]).fpr.value).toBeUndefined();
    expect(scoreBinary([[false, true]]).recall.value).toBeUndefined();
  });

  it('a PHI draft whose subject is clean is a negative for the subject-leak rate', () => {
    const r = score([
      draft('leak', { phi: true, subjectPhi: true, predictedPhi: true, predictedSubjectPhi: true }),
      draft('body only', { phi: true, predictedPhi: true, predictedSubjectPhi: true }),
      draft('clean', {}),
    ]);
    expect(r.subjectPhi).toMatchObject({ tp: 1, fp: 1, tn: 1, fn: 0 });
    expect(r.subjectPhi.fpr.value).toBe(0.5);
    expect(r.phi.fpr.value).toBe(0);
  });
});

describe('targets', () => {
  function report(negatives: number, falsePositives: number): Report {
    const drafts = [
      draft('p', {
        phi: true,
        subjectPhi: true,
        predictedPhi: true,
        predictedSubjectPhi: true,
        spans: [gold('subject', 0, 4, 'NAME'), gold('body', 0, 4, 'CONDITION')],
        findings: [span('subject', 0, 4, 'NAME'), span('body', 0, 4, 'CONDITION')],
      }),
    ];
    for (let i = 0; i < negatives; i++) drafts.push(draft(`n${i}`, { predictedPhi: i < falsePositives }));
    return score(drafts);
  }
  const phiTarget = (r: Report) => checkTargets(r).find((t) => t.name.startsWith('PHI'))!;

  it('an FPR of exactly 10% passes the PHI target', () => {
    expect(phiTarget(report(10, 1)).pass).toBe(true);
  });

  it('an FPR just over 10% fails the PHI target', () => {
    expect(phiTarget(report(9, 1)).pass).toBe(false);
  });

  it('one missed PHI draft fails the 100% recall target', () => {
    const r = score([draft('p', { phi: true }), draft('q', { phi: true, predictedPhi: true }), draft('n')]);
    expect(phiTarget(r)).toMatchObject({ pass: false, measured: 'recall 50.0%, FPR 0.0%' });
  });

  it('a perfect run passes all four targets', () => {
    expect(checkTargets(report(10, 0)).map((t) => t.pass)).toEqual([true, true, true, true]);
  });

  it('a target that cannot be measured fails rather than passing by default', () => {
    const r = report(0, 0);
    expect(phiTarget(r)).toMatchObject({ pass: false, measured: 'recall 100.0%, FPR n/a' });
  });

  it('identifier recall passes only together with precision', () => {
    const noisy = score([
      draft('a', {
        spans: [gold('body', 0, 4, 'MRN')],
        findings: [span('body', 0, 4, 'MRN'), span('body', 10, 12, 'PHONE')],
      }),
    ]);
    expect(checkTargets(noisy)[2]).toMatchObject({ pass: false, measured: 'recall 100.0%, precision 50.0%' });
  });
});

describe('misses of one draft', () => {
  it('names wrong verdicts, unmatched gold spans of both categories and unmatched findings', () => {
    const m = draftMisses(
      draft('d-1', {
        phi: true,
        predictedSubjectPhi: true,
        spans: [gold('body', 0, 4, 'NAME'), gold('body', 10, 14, 'CONDITION'), gold('body', 20, 24, 'MRN')],
        findings: [span('body', 20, 24, 'MRN'), span('body', 30, 34, 'PHONE')],
      }),
    );
    expect(m.id).toBe('d-1');
    expect(m.verdicts).toEqual(['phi: expected true, got false', 'subjectPhi: expected false, got true']);
    expect(m.missed.map((s) => s.kind)).toEqual(['NAME', 'CONDITION']);
    expect(m.falsePositives.map((s) => s.kind)).toEqual(['PHONE']);
  });
});

describe('corpus parsing', () => {
  const line = (spans: unknown[], extra: object = {}) =>
    JSON.stringify({ id: 'x-1', subject: 'Re: Ann Lee', body: 'Ann Lee has asthma.', phi: true, subjectPhi: true, spans, ...extra });
  const name = { field: 'subject', start: 4, end: 11, text: 'Ann Lee', kind: 'NAME', category: 'identifier' };

  it('reads drafts and skips blank lines', () => {
    const drafts = parseCorpus(`${line([name])}\n\n`);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.spans[0]).toMatchObject({ field: 'subject', start: 4, end: 11, kind: 'NAME', text: 'Ann Lee' });
  });

  it.each([
    ['span text that is not the slice', [{ ...name, end: 10 }], {}, /text does not equal/],
    ['a category that disagrees with the kind', [{ ...name, category: 'health' }], {}, /category disagrees/],
    ['an unknown kind', [{ ...name, kind: 'PERSON' }], {}, /malformed/],
    ['a verdict that is not boolean', [name], { phi: 'yes' }, /booleans/],
  ])('rejects %s, naming the line', (_label, spans, extra, message) => {
    expect(() => parseCorpus(`${line([])}\n${line(spans, { ...extra, id: 'x-2' })}`)).toThrow(message);
    expect(() => parseCorpus(`${line([])}\n${line(spans, { ...extra, id: 'x-2' })}`)).toThrow(/line 2 \(x-2\)/);
  });

  it('rejects a repeated id', () => {
    expect(() => parseCorpus(`${line([])}\n${line([])}`)).toThrow(/line 2: missing or repeated id/);
  });
});

describe('ratio', () => {
  it('keeps numerator and denominator beside the value', () => {
    expect(ratio(3, 4)).toEqual({ num: 3, den: 4, value: 0.75 });
  });
});
