import { decide, parseAddressList, parsePolicyJson, resolveFixes, scan, toOrgProfile, toView, type Policy } from '@phiguard/core';
import { api, ApiError } from '../api.js';
import { announce, h, show } from '../dom.js';

/** GET /v1/admin/policy (service/src/routes/admin-policy.ts). */
interface CurrentPolicy {
  readonly version: number;
  readonly source: 'store' | 'file' | 'default';
  readonly input: unknown;
  readonly policy: Policy;
  readonly createdAt?: string;
  readonly createdBy?: string;
  readonly note?: string;
}
interface Issue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}
interface VersionRow {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly note?: string;
  readonly revertedFrom?: number;
}

/** Policy: edit the JSON with the schema's checks shown as you type, try it on a draft, and see and revert versions. */
export async function policyView(main: HTMLElement, canEdit: boolean): Promise<void> {
  const current = await api<CurrentPolicy>('GET', '/v1/admin/policy');
  const editor = h('textarea', { id: 'policy-json', name: 'policy', rows: 24, spellcheck: 'false', 'aria-describedby': 'policy-issues', readonly: !canEdit });
  editor.value = JSON.stringify(current.input ?? {}, null, 2);
  const issues = h('div', { id: 'policy-issues', 'aria-live': 'polite' });
  const note = h('input', { id: 'note', name: 'note', maxlength: 500, placeholder: 'What changed and why' });
  const save = h('button', { type: 'submit', disabled: !canEdit }, 'Save as a new version');
  const saved = h('p', { role: 'status' });
  const history = h('section', { 'aria-labelledby': 'history-title' });
  const tryResult = h('div', { id: 'try-result', 'aria-live': 'polite' });

  /** The editor's policy if it parses and passes the schema, from the core itself (no round trip). */
  const edited = (): { policy?: Policy; issues: Issue[] } => {
    const result = parsePolicyJson(editor.value);
    return result.ok ? { policy: result.policy, issues: [] } : { issues: result.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) };
  };
  const showIssues = (list: readonly Issue[]) => {
    save.disabled = !canEdit || list.length > 0;
    editor.setAttribute('aria-invalid', String(list.length > 0));
    show(issues, list.length === 0 ? h('p', { class: 'ok' }, 'The policy is valid.') : h('ul', { class: 'issues' }, ...list.map((i) => h('li', {}, h('code', {}, i.path || '(policy)'), ': ', i.message))));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => showIssues(edited().issues), 250);
  });

  const loadHistory = async () => {
    const { versions } = await api<{ versions: VersionRow[] }>('GET', '/v1/admin/policy/history?limit=20');
    show(
      history,
      h('h2', { id: 'history-title' }, 'Versions'),
      versions.length === 0
        ? h('p', {}, `No saved versions yet: the service uses the ${current.source === 'file' ? 'policy file' : 'built-in default'}.`)
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, ...['Version', 'When', 'Who', 'Note', ''].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              ...versions.map((v) =>
                h(
                  'tr',
                  {},
                  h('td', {}, v.version),
                  h('td', {}, v.createdAt.replace('T', ' ').slice(0, 19)),
                  h('td', {}, v.createdBy),
                  h('td', {}, v.revertedFrom ? `Reverted to version ${v.revertedFrom}. ${v.note ?? ''}` : (v.note ?? '')),
                  h(
                    'td',
                    {},
                    canEdit && v.version !== versions[0]?.version
                      ? h('button', { type: 'button', onClick: () => void revert(v.version) }, `Revert to version ${v.version}`)
                      : null,
                  ),
                ),
              ),
            ),
          ),
    );
  };
  const revert = async (version: number) => {
    const result = await api<{ version: number; input: unknown }>('POST', '/v1/admin/policy/revert', { version });
    editor.value = JSON.stringify(result.input, null, 2);
    saved.textContent = `Reverted: version ${result.version} is now in force.`;
    await loadHistory();
  };

  const form = h(
    'form',
    {
      class: 'stack',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const { issues: found } = edited();
        if (found.length > 0) return showIssues(found);
        let policy: unknown;
        try {
          policy = JSON.parse(editor.value);
        } catch {
          return showIssues([{ path: '', code: 'invalid_json', message: 'Not valid JSON.' }]);
        }
        api<{ version: number }>('PUT', '/v1/admin/policy', { policy, ...(note.value.trim() ? { note: note.value.trim() } : {}) }).then(
          async (r) => {
            saved.textContent = `Saved: version ${r.version} is now in force. The add-ins pick it up within the hour.`;
            note.value = '';
            announce(saved.textContent);
            await loadHistory();
          },
          (e: unknown) => {
            if (e instanceof ApiError && e.problem.issues) showIssues(e.problem.issues);
            saved.textContent = e instanceof Error ? e.message : 'Not saved.';
          },
        );
      },
    },
    h('label', { for: 'policy-json' }, 'Organisation policy (JSON)'),
    editor,
    issues,
    h('label', { for: 'note' }, 'Note'),
    note,
    save,
    saved,
  );

  const subject = h('input', { id: 'try-subject', name: 'subject', value: 'Lab results for Maria Gonzalez' });
  const body = h('textarea', { id: 'try-body', name: 'body', rows: 4 });
  body.value = 'Maria Gonzalez (MRN 4471823) has an HbA1c of 8.9%; metformin increased.';
  const to = h('input', { id: 'try-to', name: 'to', value: 'dr.patel@elsewhere.example' });
  const tryIt = h(
    'form',
    {
      class: 'stack',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const { policy, issues: found } = edited();
        if (!policy) return show(tryResult, h('p', { class: 'error' }, `Fix the policy first (${found.length} problem${found.length === 1 ? '' : 's'}).`));
        const draft = { subject: subject.value, body: body.value, org: toOrgProfile(policy) };
        const result = scan(draft);
        const recipients = parseAddressList(to.value);
        const decision = decide(result, recipients, 'none', policy);
        const view = toView({ draft, recipients, scan: result, decision, fixes: resolveFixes(draft, decision.fixes) }, { policy });
        show(
          tryResult,
          h('p', { class: `verdict action-${view.action}` }, h('strong', {}, view.headline), ` (${view.detail})`),
          h('ul', {}, ...view.reasons.map((r) => h('li', {}, `${r.code}: ${r.text}`))),
          view.fixes.length > 0 ? h('p', {}, 'Fixes offered: ', view.fixes.map((f) => f.label).join('; ')) : null,
        );
      },
    },
    h('p', {}, 'Runs the same decision as the add-ins on a draft you type, with the policy in the editor (nothing is sent or stored).'),
    h('label', { for: 'try-to' }, 'To'),
    to,
    h('label', { for: 'try-subject' }, 'Subject'),
    subject,
    h('label', { for: 'try-body' }, 'Body'),
    body,
    h('button', { type: 'submit' }, 'Try it'),
    tryResult,
  );

  show(
    main,
    h('h1', {}, 'Policy'),
    h('p', {}, current.source === 'store' ? `Version ${current.version}, saved ${current.createdAt ?? ''} by ${current.createdBy ?? ''}.` : `From the ${current.source === 'file' ? 'policy file' : 'built-in default'}: saving makes version 1.`),
    canEdit ? null : h('p', {}, 'Auditors can read the policy; only admins can change it.'),
    form,
    h('section', { 'aria-labelledby': 'try-title' }, h('h2', { id: 'try-title' }, 'Try it'), tryIt),
    history,
  );
  showIssues(edited().issues);
  await loadHistory();
}
