/**
 * The command bar of a form, as in Sales: Save, then the commands the record's state allows. An ARIA
 * toolbar: Tab reaches it once, the arrow keys move between its buttons. While a command runs the
 * buttons refuse clicks but keep the focus, so a keyboard user is not sent back to the top.
 */
import { makeStyles, Toolbar, ToolbarButton, tokens } from '@fluentui/react-components';
import type { CommandDefinition, RecordContext } from '../entities/entity-definition';

const useStyles = makeStyles({
  bar: {
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    padding: 0,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
  },
});

export interface CommandBarProps {
  readonly label: string;
  readonly busy: boolean;
  /** Save is offered while the record can be edited; it is the primary command when there are changes. */
  readonly save?: { readonly dirty: boolean; readonly run: () => void };
  readonly context?: RecordContext;
  readonly commands: readonly CommandDefinition[];
  readonly run: (command: CommandDefinition) => void;
  /** Refresh, on every form: reloads the record and its panels from the server. */
  readonly refresh?: () => void;
}

export function CommandBar({ label, busy, save, context, commands, run, refresh }: CommandBarProps) {
  const styles = useStyles();
  const visible = context ? commands.filter((command) => command.visible(context)) : [];
  if (!save && !refresh && visible.length === 0) return null;
  return (
    <Toolbar aria-label={label} className={styles.bar}>
      {save ? (
        <ToolbarButton appearance={save.dirty ? 'primary' : 'subtle'} disabledFocusable={busy} onClick={save.run}>
          Save
        </ToolbarButton>
      ) : null}
      {visible.map((command) => (
        <ToolbarButton key={command.label} disabledFocusable={busy} onClick={() => run(command)}>
          {command.label}
        </ToolbarButton>
      ))}
      {refresh ? (
        <ToolbarButton disabledFocusable={busy} onClick={refresh}>
          Refresh
        </ToolbarButton>
      ) : null}
    </Toolbar>
  );
}
