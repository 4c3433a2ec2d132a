import { useState } from 'react';
import { completion, completionList, type Completion } from '#shared/contracts/competence.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { competenceMessages } from './messages.ts';

/** A manager's list of self-recorded completions in their units, each confirmed with one button. */
export default function ConfirmPage() {
  const messages = useMessages(competenceMessages);
  const t = messages.confirm;
  const { locale } = useLocale();
  const { session } = useSession();
  const waiting = useResource(() => api.get('/api/v1/completions?status=recorded', completionList), []);
  const [notice, setNotice] = useState<{ variant: 'success' | 'error'; text: string } | null>(null);
  const confirm = async (row: Completion) => {
    setNotice(null);
    try {
      await api.post(`/api/v1/completions/${row.id}/confirm`, { version: row.version }, completion);
      setNotice({ variant: 'success', text: interpolate(t.confirmed, { course: row.courseTitle, person: row.personName }) });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setNotice({ variant: 'error', text: error.problem.detail ?? error.problem.title });
    }
    await waiting.reload();
  };
  const own = session ? session.user.id : null;
  return (
    <Page title={t.title} lead={t.lead}>
      {notice ? (
        <MessageBox variant={notice.variant} live>
          <p>{notice.text}</p>
        </MessageBox>
      ) : null}
      {waiting.loading && !waiting.data ? <Loading /> : null}
      {waiting.error ? (
        <MessageBox variant="error">
          <p>{messages.common.loadFailed}</p>
        </MessageBox>
      ) : null}
      {waiting.data ? (
        <DataTable
          caption={t.caption}
          rows={waiting.data.completions.filter((row) => row.personId !== own)}
          rowKey={(row) => row.id}
          emptyText={t.none}
          columns={[
            { key: 'person', header: t.person, render: (row) => row.personName },
            { key: 'course', header: messages.common.course, render: (row) => row.courseTitle },
            { key: 'unit', header: messages.common.unit, render: (row) => row.unitName },
            { key: 'date', header: messages.common.date, render: (row) => formatDate(row.completedOn, locale) },
            {
              key: 'action',
              header: t.confirmButton,
              render: (row) => (
                <Button
                  variant="secondary"
                  aria-label={interpolate(t.confirmFor, { course: row.courseTitle, person: row.personName })}
                  onClick={() => void confirm(row)}
                >
                  {t.confirmButton}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
