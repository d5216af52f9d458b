import type { ResolvedFix } from '@phiguard/core';

/**
 * Why the task pane cannot apply a fix now: the portal and OpenPGP need the service (the portal to
 * keep the message, OpenPGP for the recipients' keys); S/MIME is Outlook's own option.
 */
export function outlookUnavailable(online: boolean): (fix: ResolvedFix) => string | undefined {
  return (fix) => {
    if (fix.type !== 'apply_protection') return undefined;
    switch (fix.method) {
      case 'portal':
        return online ? undefined : 'Needs the PHI Guard service, which cannot be reached.';
      case 'pgp':
        return online ? undefined : 'Needs the PHI Guard service (for the recipients’ keys), which cannot be reached.';
      case 'smime':
        return 'Turn on S/MIME encryption in Outlook’s message options.';
      default:
        return undefined;
    }
  };
}
