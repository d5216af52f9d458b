import type { ResolvedFix } from '@phiguard/core';

/**
 * Why the Gmail add-on cannot apply a fix: Gmail lets add-ons set the subject and recipients and
 * insert text, but not edit the body in place or encrypt the message; the portal needs the service.
 */
export function gmailUnavailable(online: boolean): (fix: ResolvedFix) => string | undefined {
  return (fix) => {
    switch (fix.type) {
      case 'mask':
        return fix.field === 'subject' ? undefined : 'Gmail does not let add-ons edit the message text: change it by hand, or send securely.';
      case 'apply_protection':
        switch (fix.method) {
          case 'portal':
            return online ? undefined : 'Needs the PHI Guard service, which cannot be reached. Try again in a minute.';
          case 'smime':
            return 'Gmail add-ons cannot encrypt with S/MIME: use Gmail’s own S/MIME if your admin turned it on, or send securely.';
          default:
            return 'Gmail add-ons cannot apply this protection: send securely instead.';
        }
      default:
        return undefined;
    }
  };
}
