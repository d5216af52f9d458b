import type { PaneStatus, PaneUi } from './pane.js';
import type { DecisionView, FixView } from '@phiguard/core';

export interface RenderTargets {
  /** The live region: headline, counts and the last action's outcome. */
  readonly summary: HTMLElement;
  readonly results: HTMLElement;
}

export interface RenderHandlers {
  fix(key: string): void;
  override(justification: string): void;
}

const JUSTIFICATION_ID = 'pg-justification';
/** The audit log keeps at most this much of a justification (service/src/audit/schema.ts). */
const JUSTIFICATION_MAX_LENGTH = 500;

type Child = Node | string | false | undefined;

/** An element with attributes and children; text always goes in as text, never as HTML. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== false && child !== undefined) node.append(child);
  return node;
}

function section(id: string, title: string, ...content: Child[]): HTMLElement {
  return el('section', { class: 'pg-section', 'aria-labelledby': id }, el('h2', { id, class: 'pg-h2' }, title), ...content);
}

/** The pane as DOM. Re-rendering keeps focus on the same control and keeps a half-written justification. */
export function domUi(targets: RenderTargets, handlers: RenderHandlers): PaneUi {
  targets.results.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const key = button.dataset.fix;
    if (key !== undefined) handlers.fix(key);
    else if (button.dataset.action === 'override') {
      handlers.override((document.getElementById(JUSTIFICATION_ID) as HTMLTextAreaElement | null)?.value ?? '');
    }
  });

  return {
    show(view, status) {
      renderSummary(targets.summary, view, status);
      const focused = document.activeElement;
      const focusKey = targets.results.contains(focused) ? ((focused as HTMLElement).dataset.key ?? undefined) : undefined;
      const justification = (document.getElementById(JUSTIFICATION_ID) as HTMLTextAreaElement | null)?.value ?? '';
      targets.results.replaceChildren(...(view ? renderResults(view, status, justification) : []));
      if (focusKey !== undefined) {
        const again = targets.results.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
        // The control is gone (its fix was applied): continue from the summary, which says what happened.
        (again ?? targets.summary).focus();
      }
    },
  };
}

// A live region: rewritten only when what it says changes, so typing does not make it repeat itself.
function renderSummary(summary: HTMLElement, view: DecisionView | undefined, status: PaneStatus): void {
  const said = JSON.stringify([view?.action, view?.headline, view?.detail, status]);
  if (summary.dataset.said === said) return;
  summary.dataset.said = said;
  summary.className = `pg-summary pg-tone--${view?.action ?? 'pending'}`;
  summary.replaceChildren(
    el('p', { class: 'pg-headline' }, view?.headline ?? 'Checking this draft…'),
    ...(view ? [el('p', { class: 'pg-detail' }, view.detail)] : []),
    ...(status.text !== '' && !status.justification ? [el('p', { class: `pg-status pg-status--${status.tone}` }, status.text)] : []),
  );
}

function renderResults(view: DecisionView, status: PaneStatus, justification: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (view.reasons.length > 0) {
    out.push(
      section(
        'pg-reasons-title',
        'Why',
        el(
          'ul',
          { class: 'pg-list' },
          ...view.reasons.map((r) => el('li', { class: `pg-reason pg-tone--${r.action}${r.loud ? ' pg-reason--loud' : ''}` }, r.text)),
        ),
      ),
    );
  }
  if (view.fixes.length > 0) {
    out.push(section('pg-fixes-title', 'Fix it', el('ul', { class: 'pg-list' }, ...view.fixes.map(renderFix))));
  }
  if (view.findings.length > 0) {
    out.push(
      section(
        'pg-findings-title',
        'What was found',
        ...view.findings.flatMap((group) => [
          el('h3', { class: 'pg-h3' }, group.title),
          el(
            'ul',
            { class: 'pg-list' },
            ...group.items.map((item) =>
              el('li', { class: 'pg-finding' }, el('mark', { class: 'pg-match' }, item.text), ' ', el('span', { class: 'pg-kind' }, item.kind), el('span', { class: 'pg-why' }, item.why)),
            ),
          ),
        ]),
      ),
    );
  }
  if (view.recipients.length > 0) {
    out.push(
      section(
        'pg-recipients-title',
        'Recipients',
        el(
          'ul',
          { class: 'pg-list' },
          ...view.recipients.map((r) =>
            el(
              'li',
              { class: 'pg-recipient' },
              el('span', { class: 'pg-address' }, r.address),
              el('span', { class: 'pg-badge' }, r.classification),
              el('span', { class: `pg-badge pg-tone--${r.action}` }, r.status),
              r.notes.length > 0 && el('ul', { class: 'pg-notes' }, ...r.notes.map((n) => el('li', {}, n))),
            ),
          ),
        ),
      ),
    );
  }
  if (view.override) out.push(renderOverride(view.override, status, justification));
  return out;
}

function renderFix(fix: FixView): HTMLElement {
  const noteId = `pg-fix-note-${fix.key.replace(/[^a-z0-9]/gi, '-')}`;
  const button = el(
    'button',
    { type: 'button', class: 'pg-button', 'data-fix': fix.key, 'data-key': `fix:${fix.key}`, ...(fix.unavailable ? { 'aria-disabled': 'true', 'aria-describedby': noteId } : {}) },
    fix.label,
  );
  return el('li', { class: 'pg-fix' }, button, fix.unavailable && el('p', { id: noteId, class: 'pg-note' }, fix.unavailable));
}

function renderOverride(override: NonNullable<DecisionView['override']>, status: PaneStatus, justification: string): HTMLElement {
  const hint = override.justificationRequired ? `Required: at least ${override.minLength} characters. It is recorded for your privacy team.` : 'Optional. It is recorded for your privacy team.';
  const textarea = el('textarea', {
    id: JUSTIFICATION_ID,
    class: 'pg-input',
    rows: '3',
    maxlength: String(JUSTIFICATION_MAX_LENGTH),
    'data-key': 'justification',
    'aria-describedby': 'pg-justification-hint pg-justification-status',
    ...(override.justificationRequired ? { 'aria-required': 'true' } : {}),
  }) as HTMLTextAreaElement;
  textarea.value = justification;
  return section(
    'pg-override-title',
    'Send anyway',
    el('label', { for: JUSTIFICATION_ID, class: 'pg-label' }, 'Why must this go as it is?'),
    textarea,
    el('p', { id: 'pg-justification-hint', class: 'pg-note' }, hint),
    el('p', { id: 'pg-justification-status', class: `pg-status pg-status--${status.tone}` }, status.justification ? status.text : ''),
    el('button', { type: 'button', class: 'pg-button pg-button--secondary', 'data-action': 'override', 'data-key': 'override' }, 'Record override'),
  );
}
