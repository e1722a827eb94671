import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showControls } from '../../components/bidi';
import './i18n';
import { reasonParts } from './reasons';

/**
 * One of the core's report messages in the user's language. The parts taken from the message
 * (file names, paths, values from a metadata file) are isolated in <bdi>, so that a name holding
 * right-to-left or override characters cannot reorder the text around it.
 */
export function ReasonText({ message }: { message: string }): ReactNode {
  const { t } = useTranslation();
  return reasonParts(message, t).map((part, i) =>
    part.variable ? <bdi key={i}>{showControls(part.text)}</bdi> : <Fragment key={i}>{part.text}</Fragment>,
  );
}

/** Several messages (a file's errors and warnings), each translated, with the language's separator. */
export function ReasonList({ messages }: { messages: string[] }): ReactNode {
  const { t } = useTranslation();
  const separator = t('reportReasons.separator');
  return messages.map((message, i) => (
    <Fragment key={i}>
      {i > 0 && separator}
      <ReasonText message={message} />
    </Fragment>
  ));
}
