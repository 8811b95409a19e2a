import { Notice } from '@wordpress/components';

/** How the merchant's last action went, in a sentence. */
export interface NoticeState {
  status: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

/** The result of the merchant's last action, until dismissed or replaced; nothing when there is none. */
export function ResultNotice({ notice, onRemove }: { notice: NoticeState | null; onRemove: () => void }) {
  if (!notice) return null;
  return (
    <Notice status={notice.status} onRemove={onRemove}>
      {notice.text}
    </Notice>
  );
}
