import { Link } from 'react-router';
import { contentList } from '#shared/contracts/directory.ts';
import { api } from '../../app/api.ts';
import { useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

/** Every public page and translation with its review status. */
export default function ContentListPage() {
  const t = useMessages(directoryPageMessages).content;
  const list = useResource(() => api.get('/api/v1/content', contentList), []);
  if (!list.data) return <Loading />;
  const rows = list.data.pages.flatMap((page) => page.translations.map((translation) => ({ slug: page.slug, ...translation })));
  return (
    <Page title={t.title} lead={t.lead}>
      <DataTable
        caption={t.caption}
        rows={rows}
        rowKey={(row) => `${row.slug}-${row.language}`}
        columns={[
          {
            key: 'title',
            header: t.page,
            render: (row) => (
              <Link to={`/innehall/${row.slug}/${row.language}`} lang={row.language === 'ar' ? 'ar' : undefined}>
                {row.title}
              </Link>
            ),
          },
          { key: 'language', header: t.language, render: (row) => t.languages[row.language] },
          { key: 'status', header: t.status, render: (row) => t.statuses[row.reviewStatus] },
        ]}
      />
    </Page>
  );
}
