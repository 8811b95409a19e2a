import { Card, CardBody, CardHeader, Notice } from '@wordpress/components';
import { type ReactNode, useState } from 'react';

export interface CardNotice {
  status: 'success' | 'error';
  text: string;
}

/** The notice a card shows above its content: what the last action did, until the merchant dismisses it. */
export const useCardNotice = () => useState<CardNotice | null>(null);

interface Props {
  title: string;
  notice?: CardNotice | null;
  onDismissNotice?: () => void;
  bodyClassName?: string;
  children: ReactNode;
}

/** One panel of the Connection screen: a titled card with the outcome of its last action on top. */
export function ConnectionCard({ title, notice, onDismissNotice, bodyClassName, children }: Props) {
  return (
    <Card className="mlc-card">
      <CardHeader>
        <h3>{title}</h3>
      </CardHeader>
      <CardBody className={bodyClassName}>
        {notice && (
          <Notice status={notice.status} onRemove={onDismissNotice}>
            {notice.text}
          </Notice>
        )}
        {children}
      </CardBody>
    </Card>
  );
}
