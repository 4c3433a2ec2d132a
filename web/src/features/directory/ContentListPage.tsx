import { Link } from 'react-router';
import { contentList } from '#shared/contracts/directory.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { api } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { directoryPageMessages } from './messages.ts';

/** Every public page and snippet in every language of the languages table, with its status (ADR 0109). */
export default function ContentListPage() {
  const t = useMessages(directoryPageMessages).content;
  const { locale } = useLocale();
  const list = useResource(() => api.get('/api/v1/content', contentList), []);
  if (!list.data) return <Loading />;
  const { languages, pages } = list.data;
  const rows = pages.flatMap((page) => {
    const swedishTitle = page.translations.find((translation) => translation.language === 'sv')?.title ?? page.slug;
    return languages.map((language) => ({
      slug: page.slug,
      swedishTitle,
      language,
      translation: page.translations.find((translation) => translation.language === language.code),
    }));
  });
  return (
    <Page title={t.title} lead={t.lead}>
      <DataTable
        caption={t.caption}
        rows={rows}
        rowKey={(row) => `${row.slug}-${row.language.code}`}
        columns={[
          {
            key: 'title',
            header: t.page,
            render: (row) =>
              row.translation ? (
                <Link to={`/innehall/${row.slug}/${row.language.code}`} lang={row.language.tag} dir={row.language.direction}>
                  {row.translation.title}
                </Link>
              ) : (
                <Link to={`/innehall/${row.slug}/${row.language.code}`}>
                  {interpolate(t.translate, { title: row.swedishTitle, language: row.language.swedishName })}
                </Link>
              ),
          },
          { key: 'language', header: t.language, render: (row) => row.language.swedishName },
          {
            key: 'status',
            header: t.status,
            render: (row) =>
              row.translation ? (
                <>
                  {t.statuses[row.translation.reviewStatus]}
                  {row.translation.sourceChanged ? (
                    <>
                      {' '}
                      <strong>{t.sourceChanged}</strong>
                    </>
                  ) : null}
                </>
              ) : (
                t.missing
              ),
          },
          {
            key: 'reviewed',
            header: t.reviewed,
            render: (row) => (row.translation?.reviewedAt ? formatDate(new Date(row.translation.reviewedAt), locale) : ''),
          },
        ]}
      />
    </Page>
  );
}
