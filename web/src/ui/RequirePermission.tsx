import type { ReactNode } from 'react';
import type { Action } from '#shared/auth/permissions.ts';
import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';
import { useSession } from '../app/session.tsx';
import { Page } from './Page.tsx';

/**
 * Shows the page only to someone whose roles in the acting unit grant one of the actions. The
 * server decides anyway; this only spares people a page that would answer "not allowed".
 */
export function RequirePermission({ actions, children }: { actions: Action[]; children: ReactNode }) {
  const t = useMessages(appMessages);
  const { can } = useSession();
  if (actions.some((action) => can(action))) return <>{children}</>;
  return (
    <Page title={t.errors.forbiddenHeading}>
      <p>{t.errors.forbiddenText}</p>
    </Page>
  );
}
