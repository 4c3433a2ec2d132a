import { MessageBox } from '../../ui/MessageBox.tsx';

/** "Saved" after a form on a page that stays open across saves; announced when it appears. */
export function SavedNotice({ text }: { text: string | null }) {
  return text ? (
    <MessageBox variant="success" live>
      <p>{text}</p>
    </MessageBox>
  ) : null;
}
