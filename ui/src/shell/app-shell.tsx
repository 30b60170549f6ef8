/**
 * The frame of every signed-in page: a skip link, the header with the user and Sign out, the site map
 * and the page. At 1280 px the site map is a column beside the page; on a narrow screen it folds away
 * behind a Menu button.
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import { useSession } from '../session/session-context';
import { Navigation } from './navigation';

const NARROW = '@media (max-width: 720px)';

const useStyles = makeStyles({
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalM, zIndex: 10 },
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  shell: { display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    flexWrap: 'wrap',
  },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: 'auto' },
  menuButton: { display: 'none', [NARROW]: { display: 'inline-flex' } },
  body: { display: 'flex', flexGrow: 1, [NARROW]: { flexDirection: 'column' } },
  sidebar: {
    width: '220px',
    flexShrink: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    [NARROW]: { width: 'auto', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  sidebarClosed: { [NARROW]: { display: 'none' } },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: tokens.spacingHorizontalXXL,
    [NARROW]: { padding: tokens.spacingHorizontalM },
  },
});

export function AppShell({ currentArea, children }: { readonly currentArea?: string; readonly children: ReactNode }) {
  const styles = useStyles();
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skip}>
        Skip to main content
      </a>
      <header className={styles.header}>
        <span className={styles.product}>Orderline Sales Hub</span>
        <Button
          className={styles.menuButton}
          aria-expanded={menuOpen}
          aria-controls="site-map"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </Button>
        <Text>{user.fullName}</Text>
        <Button onClick={signOut}>Sign out</Button>
      </header>
      <div className={styles.body}>
        <div id="site-map" className={mergeClasses(styles.sidebar, !menuOpen && styles.sidebarClosed)}>
          <Navigation currentArea={currentArea} onNavigate={() => setMenuOpen(false)} />
        </div>
        <main id="main" className={styles.main} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
