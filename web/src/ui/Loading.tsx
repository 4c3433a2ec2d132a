import { useMessages } from '../app/locale.tsx';
import { appMessages } from '../app/messages.ts';

export function Loading() {
  const t = useMessages(appMessages);
  return (
    <p role="status" className="loading">
      {t.loading}
    </p>
  );
}
