/**
 * Administration > Sales settings (issue #14): the organization's sales settings Orderline honours
 * (sales-settings-api.ts), editable by whoever the server lets update the organization (a System
 * Administrator; a System Customizer too, as Sales has it) and read-only, with the server's reason, for
 * everyone else. Every value is checked by the server: a refused one shows the server's words beside
 * its field, and nothing is saved.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useEffect, useState } from 'react';
import { describeError } from '../api/describe-error';
import { useQuery } from '../data/use-query';
import { useSession } from '../session/session-context';
import { PageHeading } from '../shell/page-heading';
import {
  limitsOf,
  loadSalesSettings,
  optionsOf,
  SALES_SETTINGS,
  type SettingDefinition,
  type SettingValues,
  saveSalesSettings,
  settingRefused,
} from './sales-settings-api';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    marginBottom: tokens.spacingVerticalS,
    padding: 0,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

const GROUPS = ['Pricing', 'Numbering'] as const;

interface Refusal {
  readonly column: string | undefined;
  readonly text: string;
}

export function SalesSettingsPage() {
  const styles = useStyles();
  const { client } = useSession();
  const settings = useQuery('sales-settings', () => loadSalesSettings(client));
  const [values, setValues] = useState<SettingValues>({});
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const loaded = settings.data;

  useEffect(() => {
    if (loaded) setValues(loaded.values);
  }, [loaded]);

  const readOnly = !loaded?.canUpdate;
  const set = (column: string, value: string) => setValues((current) => ({ ...current, [column]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!loaded) return;
    setBusy(true);
    setRefusal(undefined);
    setNotice(undefined);
    try {
      const count = await saveSalesSettings(client, loaded.organizationId, loaded.values, values);
      setNotice(count === 0 ? 'Nothing was changed.' : 'The sales settings were saved.');
      await settings.reload();
    } catch (error) {
      const message = typeof (error as { message?: unknown }).message === 'string' ? (error as Error).message : '';
      setRefusal({ column: settingRefused(message), text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  function control(setting: SettingDefinition) {
    const value = values[setting.column] ?? '';
    const refused = refusal?.column === setting.column ? refusal.text : undefined;
    const hint = [setting.hint, limitsOf(setting.column)].filter(Boolean).join(' ');
    if (setting.kind === 'boolean') {
      return (
        <Field key={setting.column} hint={setting.hint} validationMessage={refused}>
          <Switch
            label={setting.label}
            checked={value === 'true'}
            disabled={readOnly}
            onChange={(_event, data) => set(setting.column, String(data.checked))}
          />
        </Field>
      );
    }
    return (
      <Field key={setting.column} label={setting.label} hint={hint} validationMessage={refused}>
        {setting.kind === 'choice' ? (
          <Select value={value} disabled={readOnly} onChange={(_event, data) => set(setting.column, data.value)}>
            {optionsOf(setting.column).map((option) => (
              <option key={option.value} value={String(option.value)}>
                {option.label}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            value={value}
            readOnly={readOnly}
            inputMode={setting.kind === 'integer' ? 'numeric' : undefined}
            onChange={(_event, data) => set(setting.column, data.value)}
          />
        )}
      </Field>
    );
  }

  return (
    <div className={styles.page}>
      <PageHeading title="Sales settings" />
      {settings.error ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{describeError(settings.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {loaded && readOnly ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            You can read these settings but not change them.
            {loaded.whyReadOnly ? ` The server says: ${loaded.whyReadOnly}` : ''}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {refusal && !refusal.column ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{refusal.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {refusal?.column ? (
        <Text role="alert">Nothing was saved: the server refused a value, shown beside its field.</Text>
      ) : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {loaded ? (
        <form className={styles.form} onSubmit={save} aria-label="Sales settings">
          {GROUPS.map((group) => (
            <fieldset key={group} className={styles.group}>
              <legend className={styles.legend}>{group}</legend>
              {SALES_SETTINGS.filter((setting) => setting.group === group).map(control)}
            </fieldset>
          ))}
          <Field label="Base currency" hint="Chosen when the organization was created; it cannot be changed.">
            <Input value={loaded.baseCurrency} readOnly />
          </Field>
          {readOnly ? null : (
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                Save
              </Button>
              <Button onClick={() => setValues(loaded.values)} disabled={busy}>
                Discard changes
              </Button>
            </div>
          )}
        </form>
      ) : settings.error ? null : (
        <Spinner size="small" label="Loading the sales settings…" />
      )}
    </div>
  );
}
