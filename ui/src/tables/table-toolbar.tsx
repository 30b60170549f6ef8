/** The line above a table of a record's rows: how many it holds, and the button that adds one. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export interface TableToolbarProps {
  /** `3 lines`, from countLabel. */
  readonly count: string;
  /** The Add button, when the user may add rows. */
  readonly children?: ReactNode;
}

export function TableToolbar({ count, children }: TableToolbarProps) {
  const styles = useStyles();
  return (
    <div className={styles.toolbar}>
      <Text>{count}</Text>
      {children}
    </div>
  );
}
