import type { DecisionView, FixView } from '@phiguard/core';
import { ENTRY_POINTS } from './names.js';

type Card = GoogleAppsScript.Card_Service.Card;
type Section = GoogleAppsScript.Card_Service.CardSection;

/** What a button asks the dispatcher to do; Apps Script passes action parameters as strings. */
export type ActionParams = Record<string, string>;

/** Said on every result card: what the add-on cannot do in Gmail, and what covers it. */
export const GMAIL_LIMITS =
  'Gmail does not let add-ons stop the Send button. Send securely keeps the message on the secure portal; your admin’s Gmail rules may also hold unprotected PHI.';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Card text allows a little HTML, so anything from the draft is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!);
}

export function action(params: ActionParams): GoogleAppsScript.Card_Service.Action {
  return CardService.newAction().setFunctionName(ENTRY_POINTS.action).setParameters(params);
}

function button(text: string, params: ActionParams): GoogleAppsScript.Card_Service.TextButton {
  return CardService.newTextButton().setText(text).setOnClickAction(action(params));
}

function paragraph(html: string): GoogleAppsScript.Card_Service.TextParagraph {
  return CardService.newTextParagraph().setText(html);
}

function card(subtitle: string, sections: Section[], footer?: GoogleAppsScript.Card_Service.TextButton): Card {
  const builder = CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('PHI Guard').setSubtitle(subtitle));
  for (const section of sections) builder.addSection(section);
  if (footer) builder.setFixedFooter(CardService.newFixedFooter().setPrimaryButton(footer));
  return builder.build();
}

/** How each button carries what it applies; `base` holds the compose context every action needs. */
export interface ResultCardOptions {
  readonly base: ActionParams;
  /** The parameters a fix's button sends (undefined: the fix is shown but has no button). */
  readonly fixParams: (fix: FixView) => ActionParams | undefined;
}

/** The check's result: what was found, who it goes to, the fixes, and sending anyway where allowed. */
export function resultCard(view: DecisionView, options: ResultCardOptions): Card {
  const sections: Section[] = [];
  const summary = CardService.newCardSection();
  summary.addWidget(paragraph(`<b>${escapeHtml(view.headline)}</b><br>${escapeHtml(view.detail)}`));
  for (const reason of view.reasons) summary.addWidget(paragraph(reason.loud ? `<b>${escapeHtml(reason.text)}</b>` : escapeHtml(reason.text)));
  sections.push(summary);

  if (view.findings.length > 0) {
    const found = CardService.newCardSection().setHeader('Found').setCollapsible(true).setNumUncollapsibleWidgets(view.findings.length);
    for (const group of view.findings) {
      const lines = group.items.map((item) => `${escapeHtml(item.kind)}: ${escapeHtml(item.text)}`);
      found.addWidget(paragraph(`<b>${escapeHtml(group.title)}</b><br>${lines.join('<br>')}`));
    }
    sections.push(found);
  }

  if (view.recipients.length > 0) {
    const people = CardService.newCardSection().setHeader('Recipients');
    for (const r of view.recipients) {
      const text = CardService.newDecoratedText().setTopLabel(`${r.classification} · ${r.status}`).setText(escapeHtml(r.address)).setWrapText(true);
      if (r.notes.length > 0) text.setBottomLabel(r.notes.join(' · '));
      people.addWidget(text);
    }
    sections.push(people);
  }

  if (view.fixes.length > 0) {
    const fixes = CardService.newCardSection().setHeader('Fixes');
    for (const fix of view.fixes) {
      const params = fix.unavailable === undefined ? options.fixParams(fix) : undefined;
      if (params) fixes.addWidget(CardService.newButtonSet().addButton(button(fix.label, { ...options.base, ...params })));
      else fixes.addWidget(paragraph(`${escapeHtml(fix.label)}: <i>${escapeHtml(fix.unavailable ?? 'not available in Gmail')}</i>`));
    }
    sections.push(fixes);
  }

  if (view.override) {
    const anyway = CardService.newCardSection().setHeader('Send as it is');
    const hint = view.override.justificationRequired ? `Say why (at least ${view.override.minLength} characters); it is kept in the audit log.` : 'It is noted in the audit log.';
    anyway.addWidget(paragraph(escapeHtml(hint)));
    anyway.addWidget(CardService.newTextInput().setFieldName('justification').setTitle('Why send it as it is?').setMultiline(true));
    anyway.addWidget(CardService.newButtonSet().addButton(button('Record and send as it is', { ...options.base, do: 'override' })));
    sections.push(anyway);
  }

  sections.push(CardService.newCardSection().addWidget(paragraph(`<i>${escapeHtml(GMAIL_LIMITS)}</i>`)));
  return card(view.headline, sections, button('Check again', { ...options.base, do: 'check' }));
}

/** The compose window has no autosaved draft (yet) that matches it. */
export function notSavedCard(base: ActionParams): Card {
  const text =
    'Gmail has not saved this draft yet, so PHI Guard cannot read it. Gmail saves drafts a few seconds after you type: wait a moment, then check again. If you changed the recipients, wait for Gmail to show “Saved”.';
  return card('Draft not saved yet', [CardService.newCardSection().addWidget(paragraph(escapeHtml(text)))], button('Check again', { ...base, do: 'check' }));
}

/** Something went wrong: what happened and what to do, never a stack trace or draft text. */
export function errorCard(message: string, nextStep: string, retry?: ActionParams): Card {
  const section = CardService.newCardSection().addWidget(paragraph(`<b>${escapeHtml(message)}</b>`)).addWidget(paragraph(escapeHtml(nextStep)));
  return card('Could not finish', [section], retry ? button('Try again', retry) : undefined);
}

/** After Send securely: the notice went out instead of the draft. */
export function sentCard(recipients: number, expiresAt: string): Card {
  const text = `The message is on the secure portal and a pickup notice went to ${recipients} recipient${recipients === 1 ? '' : 's'}. The link works until ${expiresAt}. Close this compose window without sending it.`;
  return card('Sent securely', [CardService.newCardSection().addWidget(paragraph(escapeHtml(text)))]);
}

/** After an override: recorded, and the user sends from Gmail as usual. */
export function overrideRecordedCard(base: ActionParams): Card {
  const text = 'Your reason is recorded in the audit log. You can send the message from Gmail as it is.';
  return card('Recorded', [CardService.newCardSection().addWidget(paragraph(escapeHtml(text)))], button('Check again', { ...base, do: 'check' }));
}

/** Shown outside a compose window. */
export function homeCard(): Card {
  const text =
    'PHI Guard checks an email for protected health information before you send it. Open it from the compose window (the PHI Guard icon at the bottom of a draft) to check the draft, fix the subject, and send securely.';
  return card('Checks email for patient information', [
    CardService.newCardSection().addWidget(paragraph(escapeHtml(text))).addWidget(paragraph(`<i>${escapeHtml(GMAIL_LIMITS)}</i>`)),
  ]);
}
