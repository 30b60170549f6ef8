/**
 * The page's one h1. It takes the focus when the page opens, so a keyboard or screen reader user
 * starts reading the new page instead of staying on the link that opened it; it also names the tab.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useRef } from 'react';

const useStyles = makeStyles({
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    // Focused by the page, not reached with Tab (tabIndex -1): no focus ring.
    ':focus': { outline: 'none' },
  },
});

export function PageHeading({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - Orderline Sales Hub`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className={styles.heading}>
      {children ?? title}
    </h1>
  );
}
