/** A real link (keyboard, middle-click and "open in new tab" work) that navigates in the page. */
import { Link } from '@fluentui/react-components';
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './location';

export interface AppLinkProps {
  readonly to: string;
  readonly children: ReactNode;
  readonly className?: string;
  readonly 'aria-current'?: 'page';
  /** Called after an in-page navigation (the narrow layout closes its menu). */
  readonly onNavigate?: () => void;
}

export function AppLink({ to, children, className, onNavigate, ...aria }: AppLinkProps) {
  function follow(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
    onNavigate?.();
  }
  return (
    <Link href={to} className={className} onClick={follow} {...aria}>
      {children}
    </Link>
  );
}
