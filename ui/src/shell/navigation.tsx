/** The site map: the sales areas, customers, catalog, Administration and settings, as a list of links. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { NAVIGATION_GROUPS } from '../entities/all-entities';
import { AppLink } from '../routing/app-link';

const useStyles = makeStyles({
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: 'uppercase',
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  link: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface NavigationProps {
  /** The area of the page on screen (`orders`, `settings`). */
  readonly currentArea: string | undefined;
  readonly onNavigate?: () => void;
}

export function Navigation({ currentArea, onNavigate }: NavigationProps) {
  const styles = useStyles();
  const groups = [
    ...NAVIGATION_GROUPS.map((group) => ({
      title: group.title,
      links: group.entities.map((entity) => ({ area: entity.area, label: entity.plural })),
    })),
    // Shown to everyone signed in: what each may see or change there is the server's answer. Settings stays
    // last, so App Settings is the link just before each page's heading (the keyboard test in sales-hub).
    {
      title: 'Administration',
      links: [
        { area: 'users', label: 'Users' },
        { area: 'connectors', label: 'Back office' },
        { area: 'integration', label: 'Integration' },
        { area: 'sales-settings', label: 'Sales settings' },
      ],
    },
    {
      title: 'Settings',
      links: [
        { area: 'tokens', label: 'Personal access tokens' },
        { area: 'settings', label: 'App Settings' },
      ],
    },
  ];
  return (
    <nav aria-label="Site map" className={styles.nav}>
      {groups.map((group) => (
        <section key={group.title} aria-labelledby={`nav-${group.title}`}>
          <h2 id={`nav-${group.title}`} className={styles.title}>
            {group.title}
          </h2>
          <ul className={styles.list}>
            {group.links.map((link) => (
              <li key={link.area}>
                <AppLink
                  to={`/${link.area}`}
                  className={mergeClasses(styles.link, currentArea === link.area && styles.current)}
                  aria-current={currentArea === link.area ? 'page' : undefined}
                  onNavigate={onNavigate}
                >
                  {link.label}
                </AppLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
