import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';

const PROVIDER_NAMES: Record<string, string> = { microsoft: 'Sign in with Microsoft', google: 'Sign in with Google' };
/** The sign-in routes' `?error=` codes (service/src/routes/admin-auth.ts) that need their own words. */
const ERRORS: Record<string, string> = {
  not_admin: 'That account is not a PHI Guard admin or auditor.',
  email_not_verified: 'That Google account’s email address is not verified.',
  domain_not_allowed: 'That account is not in your organisation’s domain.',
  tenant_not_allowed: 'That account is not in your organisation’s Microsoft tenant.',
  sign_in_expired: 'Sign-in took too long. Try again.',
  sign_in_failed: 'Sign-in did not finish. Try again.',
};

/** Sign-in: the organisation's Microsoft or Google accounts, or the local break-glass admin with a second factor. */
export async function signInView(main: HTMLElement, onSignedIn: () => void): Promise<void> {
  const providers = await api<{ providers: string[] }>('GET', '/admin/auth/providers').catch(() => ({ providers: [] as string[] }));
  const error = new URLSearchParams(location.search).get('error');
  const message = h('p', { class: 'error', role: 'alert' }, error ? (ERRORS[error] ?? ERRORS['sign_in_failed']!) : '');
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const code = h('input', { id: 'code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6, required: true });
  const form = h(
    'form',
    {
      class: 'stack',
      onSubmit: (event: Event) => {
        event.preventDefault();
        message.textContent = '';
        api('POST', '/admin/api/session/local', { username: username.value, password: password.value, code: code.value }).then(onSignedIn, (e: unknown) => {
          message.textContent = e instanceof ApiError && e.problem.status === 423 ? 'This account is locked after too many failed attempts. Try again later.' : 'Wrong username, password or code.';
          password.value = '';
          code.value = '';
        });
      },
    },
    h('label', { for: 'username' }, 'Username'),
    username,
    h('label', { for: 'password' }, 'Password'),
    password,
    h('label', { for: 'code' }, 'Code from your authenticator app'),
    code,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  show(
    main,
    h('h1', {}, 'Sign in'),
    message,
    providers.providers.length > 0 ? h('ul', { class: 'providers' }, ...providers.providers.map((p) => h('li', {}, h('a', { class: 'button', href: `/admin/auth/${p}/start` }, PROVIDER_NAMES[p] ?? p)))) : null,
    h('section', { 'aria-labelledby': 'local-title' }, h('h2', { id: 'local-title' }, providers.providers.length > 0 ? 'Break-glass admin' : 'Local admin'), form),
  );
  username.focus();
}
