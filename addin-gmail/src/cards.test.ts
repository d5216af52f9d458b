import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DecisionView } from '@phiguard/core';
import { errorCard, escapeHtml, resultCard } from './cards.js';
import { cardButtons, cardTexts, fakeCardService } from './testing/fake-card-service.js';

const globals = globalThis as { CardService?: unknown };
beforeEach(() => void (globals.CardService = fakeCardService()));
afterEach(() => void delete globals.CardService);

const VIEW: DecisionView = {
  action: 'encrypt',
  headline: 'Send this securely',
  detail: '2 findings, 1 recipient',
  reasons: [{ code: 'phi_unprotected', action: 'encrypt', text: 'This email has patient information and is not protected. Send it securely.', loud: false }],
  findings: [{ title: 'Message', items: [{ text: '<script>Maria</script>', kind: 'Name', why: 'first and last name' }] }],
  recipients: [{ address: 'dr.patel@elsewhere.example', classification: 'External', action: 'encrypt', status: 'Needs secure sending', notes: ['Has OpenPGP key'] }],
  fixes: [
    { key: 'protect:portal', label: 'Send securely through the portal', fix: { type: 'apply_protection', method: 'portal', recipients: [] } },
    { key: 'protect:pgp', label: 'Encrypt with OpenPGP', fix: { type: 'apply_protection', method: 'pgp', recipients: [] }, unavailable: 'Gmail add-ons cannot apply this protection.' },
  ],
};

describe('Gmail cards', () => {
  it('escape text from the draft, since card text is HTML', () => {
    const card = resultCard(VIEW, { base: { context: '{}' }, fixParams: () => ({ do: 'send_securely' }) });
    const text = cardTexts(card).join('\n');
    expect(text).toContain('Name: &lt;script&gt;Maria&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(escapeHtml('a & "b" <c>')).toBe('a &amp; &quot;b&quot; &lt;c&gt;');
  });

  it('give a button to each fix Gmail can apply, and say why for the others', () => {
    const card = resultCard(VIEW, { base: { context: '{"to":[]}' }, fixParams: () => ({ do: 'send_securely' }) });
    expect(cardButtons(card)).toEqual([
      { text: 'Send securely through the portal', parameters: { context: '{"to":[]}', do: 'send_securely' } },
      { text: 'Check again', parameters: { context: '{"to":[]}', do: 'check' } },
    ]);
    expect(cardTexts(card).join('\n')).toContain('Encrypt with OpenPGP: <i>Gmail add-ons cannot apply this protection.</i>');
  });

  it('show the recipient with its status and notes, and no override unless the view offers one', () => {
    const card = resultCard(VIEW, { base: {}, fixParams: () => undefined });
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['External · Needs secure sending', 'dr.patel@elsewhere.example', 'Has OpenPGP key']));
    expect(cardTexts(card).join('\n')).not.toMatch(/Why send it as it is/);
  });

  it('an error card says what happened and what to do, with a retry when given', () => {
    const card = errorCard('The PHI Guard service cannot be reached.', 'Try again in a minute.', { do: 'check' });
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['<b>The PHI Guard service cannot be reached.</b>', 'Try again in a minute.']));
    expect(cardButtons(card)).toEqual([{ text: 'Try again', parameters: { do: 'check' } }]);
  });
});
