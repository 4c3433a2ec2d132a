import type { ButtonHTMLAttributes } from 'react';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'tertiary' };

/** One primary action per page; the rest secondary or tertiary (FKUI buttons). */
export function Button({ variant = 'primary', className, type = 'button', ...props }: ButtonProps) {
  return <button {...props} type={type} className={`button button--${variant}${className ? ` ${className}` : ''}`} />;
}
