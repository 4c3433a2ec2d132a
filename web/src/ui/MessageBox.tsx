import type { ReactNode } from 'react';

type Variant = 'info' | 'success' | 'warning' | 'error';

/** A notice. `live` makes screen readers announce it when it appears (e.g. "saved"). */
export function MessageBox({
  variant = 'info',
  heading,
  children,
  live = false,
}: {
  variant?: Variant;
  heading?: string;
  children?: ReactNode;
  live?: boolean;
}) {
  return (
    <div className={`message-box message-box--${variant}`} role={live ? (variant === 'error' ? 'alert' : 'status') : undefined}>
      <div className="message-box__content">
        {heading ? <h2 className="message-box__heading">{heading}</h2> : null}
        {children}
      </div>
    </div>
  );
}
