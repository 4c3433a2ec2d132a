import { Link } from 'react-router';
import { Page } from '../ui/Page.tsx';
import { useMessages } from './locale.tsx';
import { appMessages } from './messages.ts';

export function NotFoundPage() {
  const t = useMessages(appMessages);
  return (
    <Page title={t.errors.notFoundHeading}>
      <p>{t.errors.notFoundText}</p>
      <p>
        <Link to="/">{t.nav.home}</Link>
      </p>
    </Page>
  );
}
