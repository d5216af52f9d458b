// The admin console: one page, hash-routed sections, talking to the service's own APIs with the
// console session cookie. Everything is served by the service; nothing comes from a CDN.
import { api, ApiError, setCsrf } from './api.js';
import { h, show } from './dom.js';
import { auditView } from './views/audit.js';
import { integrityView } from './views/integrity.js';
import { policyView } from './views/policy.js';
import { registriesView } from './views/registries.js';
import { retentionView } from './views/retention.js';
import { signInView } from './views/sign-in.js';

/** GET /admin/api/session (service/src/routes/admin-session.ts). */
interface Session {
  readonly principal: { readonly sub: string; readonly email?: string; readonly roles: readonly string[] };
  readonly csrf: string;
}

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
let session: Session | undefined;

async function route(): Promise<void> {
  if (!session) return;
  const isAdmin = session.principal.roles.includes('admin');
  const section = location.hash.replace(/^#\//, '') || 'audit';
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${section}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    switch (section) {
      case 'policy':
        await policyView(main, isAdmin);
        break;
      case 'integrity':
        await integrityView(main);
        break;
      case 'retention':
        await retentionView(main, isAdmin);
        break;
      case 'registries':
        await (isAdmin ? registriesView(main) : Promise.resolve(show(main, h('h1', {}, 'Registries'), h('p', {}, 'Only admins can see the registries.'))));
        break;
      default:
        auditView(main);
    }
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return start();
    show(main, h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : 'Unknown error'));
  }
  main.focus();
}

async function start(): Promise<void> {
  try {
    session = await api<Session>('GET', '/admin/api/session');
  } catch {
    session = undefined;
  }
  if (!session) {
    nav.hidden = true;
    who.replaceChildren();
    await signInView(main, () => void start());
    return;
  }
  setCsrf(session.csrf);
  nav.hidden = false;
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', () => void api('DELETE', '/admin/api/session').finally(() => location.assign('/admin')));
  show(who, `${session.principal.email ?? session.principal.sub} (${session.principal.roles.filter((r) => r !== 'user').join(', ')}) `, signOut);
  if (location.search) history.replaceState(null, '', `/admin${location.hash}`);
  await route();
}

window.addEventListener('hashchange', () => void route());
void start();
