import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { questionSetSchema, questionSetVersionSchema, type QuestionItem, type QuestionSet } from '#shared/contracts/screening.ts';
import { interpolate } from '#shared/i18n/messages.ts';
import { formatDate } from '#shared/time/stockholm.ts';
import { api, ApiProblem } from '../../app/api.ts';
import { useLocale, useMessages } from '../../app/locale.tsx';
import { useSession } from '../../app/session.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary.tsx';
import { TextArea, TextField } from '../../ui/fields.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { MessageBox } from '../../ui/MessageBox.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemPage } from '../../ui/ProblemPage.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { screeningMessages } from './messages.ts';

function Items({ items }: { items: QuestionItem[] }) {
  const t = useMessages(screeningMessages);
  return (
    <ol className="screening-items">
      {items.map((item) => (
        <li key={item.key}>
          <p>
            <strong>{item.text}</strong>
          </p>
          <p className="muted">
            {t.questionSet.type}: {t.codes.itemType[item.type]}
            {item.gate ? ` · ${t.questionSet.gate}` : ''}
            {item.showWhen ? ` · ${interpolate(t.questionSet.showWhen, { value: item.showWhen.value, item: item.showWhen.item })}` : ''}
          </p>
          {item.options.length > 0 ? (
            <ul>
              {item.options.map((option) => (
                <li key={option.code}>{option.label}</li>
              ))}
            </ul>
          ) : null}
          <dl className="definition-list">
            <dt className="definition-list__term">{t.questionSet.howToAsk}</dt>
            <dd className="definition-list__definition">{item.guidance.howToAsk}</dd>
            <dt className="definition-list__term">{t.questionSet.afterYes}</dt>
            <dd className="definition-list__definition">{item.guidance.afterYes}</dd>
            <dt className="definition-list__term">{t.questionSet.afterNo}</dt>
            <dd className="definition-list__definition">{item.guidance.afterNo}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/**
 * A question set: the version in force (or the latest) with every item and its guidance; its
 * editors load a new version as JSON — e.g. an instrument the agency holds a licence for.
 */
export default function QuestionSetPage() {
  const t = useMessages(screeningMessages);
  const { locale } = useLocale();
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const data = useResource(async () => {
    if (!id) return undefined;
    const set = await api.get(`/api/v1/question-sets/${id}`, questionSetSchema);
    const shown = set.versions.find((version) => version.status === 'published') ?? set.versions[0];
    const version = shown ? await api.get(`/api/v1/question-sets/versions/${shown.id}`, questionSetVersionSchema) : undefined;
    return { set, version };
  }, [id]);
  const [set, setSet] = useState<QuestionSet | undefined>(undefined);
  const [name, setName] = useState<string | undefined>(undefined);
  const [json, setJson] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  if (data.error) return <ProblemPage error={data.error} />;
  if (id && !data.data) return <Loading />;
  const current = set ?? data.data?.set;
  const version = data.data?.version;
  const editable = !current || (current.own && can('routines.edit'));
  const text = json ?? JSON.stringify(version?.items ?? [], null, 2);

  async function save() {
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch {
      setErrors([{ fieldId: 'set-items', message: t.questionSet.invalidJson }]);
      return;
    }
    try {
      const body = { name: name ?? current?.name ?? '', items };
      if (current) {
        setSet(await api.put(`/api/v1/question-sets/${current.id}/draft`, { ...body, version: current.version }, questionSetSchema));
        setNotice(t.routine.draftSaved);
      } else {
        const created = await api.post('/api/v1/question-sets', body, questionSetSchema);
        navigate(`/rutiner/fragebatterier/${created.id}`, { replace: true });
      }
      setErrors([]);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(
        error.fieldErrors.length > 0
          ? error.fieldErrors.map((e) => ({ fieldId: e.field === 'name' ? 'set-name' : 'set-items', message: `${e.field}: ${e.message}` }))
          : [{ fieldId: 'set-items', message: error.problem.title }],
      );
    }
  }
  const step = async (action: 'submit' | 'publish', message: string) => {
    if (!current) return;
    setSet(await api.post(`/api/v1/question-sets/${current.id}/${action}`, { version: current.version }, questionSetSchema));
    setNotice(message);
  };
  const open = current?.versions.find((v) => v.status === 'draft' || v.status === 'review');

  return (
    <Page
      title={current?.name ?? t.routines.newQuestionSet}
      lead={current ? `${interpolate(t.routines.owner, { owner: current.owner })}${current.shared ? `. ${t.routines.shared}` : ''}` : undefined}
      hasErrors={errors.length > 0}
    >
      {notice ? (
        <MessageBox variant="success" live>
          {notice}
        </MessageBox>
      ) : null}
      {current ? (
        <>
          <h2>{t.routine.versions}</h2>
          <ul className="plain-list">
            {current.versions.map((v) => (
              <li key={v.id}>
                {interpolate(t.routines.version, { number: v.number })}: {t.codes.contentStatus[v.status]}
                {v.publishedAt ? ` (${formatDate(new Date(v.publishedAt), locale)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {version ? (
        <>
          <h2>
            {t.questionSet.items} – {interpolate(t.routines.version, { number: version.number })}
          </h2>
          <Items items={version.items} />
        </>
      ) : null}
      {editable ? (
        <section aria-labelledby="set-edit-heading">
          <h2 id="set-edit-heading">{t.questionSet.newDraft}</h2>
          <p>{t.questionSet.newDraftHint}</p>
          <ErrorSummary errors={errors} />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <TextField
              id="set-name"
              label={t.questionSet.name}
              value={name ?? current?.name ?? ''}
              error={errors.find((e) => e.fieldId === 'set-name')?.message}
              onValue={setName}
            />
            <TextArea
              id="set-items"
              label={t.questionSet.itemsJson}
              rows={12}
              value={text}
              error={errors.find((e) => e.fieldId === 'set-items')?.message}
              onValue={setJson}
              spellCheck={false}
            />
            <div className="form-actions">
              <Button type="submit">{t.routine.saveDraft}</Button>
              {open?.status === 'draft' && can('routines.publish') ? (
                <Button variant="secondary" onClick={() => void step('submit', t.routine.submitted)}>
                  {t.routine.submit}
                </Button>
              ) : null}
              {open?.status === 'review' && can('routines.publish') ? (
                <Button variant="secondary" onClick={() => void step('publish', t.routine.publishedNow)}>
                  {t.routine.publish}
                </Button>
              ) : null}
            </div>
          </form>
        </section>
      ) : null}
      <p>
        <Link to="/rutiner">{t.routines.title}</Link>
      </p>
    </Page>
  );
}
