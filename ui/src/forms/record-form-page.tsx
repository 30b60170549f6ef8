/**
 * The form of one record (or of a new one): its command bar, notices, fields, product lines, totals
 * and panels. Every change goes to the server, and what is shown afterwards is what the server
 * answers: prices, totals and state are never computed here.
 */

import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadAllowedMessages, TABLES_WITH_ALLOWED_MESSAGES } from '../commands/allowed-messages';
import { CommandBar } from '../commands/command-bar';
import { loadOrganization } from '../data/organization';
import { useQuery } from '../data/use-query';
import type { CommandDefinition, CommandOutcome, EntityDefinition, RecordContext } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { MessageList } from '../feedback/message-list';
import { NoticeBar } from '../feedback/notice-bar';
import { flashMessage, takeFlashMessage, useMessages } from '../feedback/use-messages';
import { PriceListItems } from '../lines/price-list-items';
import { ProductLines } from '../lines/product-lines';
import { navigate } from '../routing/location';
import { recordPath } from '../routing/routes';
import { useSession } from '../session/session-context';
import { PageHeading } from '../shell/page-heading';
import { FieldInput } from './field-input';
import { changesOf, formFields, mergeReloaded, validate, valuesFromRow } from './form-values';
import { RecordHeader } from './record-header';
import { createRecord, loadRecord, updateRecord } from './record-requests';
import { TotalsSection } from './totals-section';
import { useUnsavedChangesGuard } from './unsaved-changes';

const NARROW = '@media (max-width: 720px)';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1200px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  unsaved: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    [NARROW]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  wide: { gridColumn: '1 / -1' },
});

/** When the focused button went away (Submit Order after submitting), the page's heading takes the focus. */
function keepFocusOnPage(): void {
  if (document.activeElement === document.body || document.activeElement === null) {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }
}

/**
 * Resolves once no dialog is on the page and the page is shown to assistive technologies again. While
 * Fluent's modal dialog is open it hides everything else (`aria-hidden` on the app's root), and gives the
 * page back once the focus has returned to it; a command's dialog that moves on to another record (the
 * order Create Order opens) waits for this, or the next page would be drawn hidden for good. A second at
 * most, so a page is never held back by it.
 */
function dialogGone(): Promise<void> {
  const deadline = performance.now() + 1000;
  return new Promise((resolve) => {
    const check = () => {
      const open = document.querySelector('[role="dialog"]') !== null;
      const hidden = document.querySelector('main')?.closest('[aria-hidden="true"]') != null;
      if ((open || hidden) && performance.now() < deadline) window.requestAnimationFrame(check);
      else resolve();
    };
    window.requestAnimationFrame(check);
  });
}

export interface RecordFormPageProps {
  readonly entity: EntityDefinition;
  /** Absent for a new record. */
  readonly id?: string;
}

export function RecordFormPage({ entity, id }: RecordFormPageProps) {
  const styles = useStyles();
  const { client, user } = useSession();
  const messages = useMessages(takeFlashMessage);
  const fields = useMemo(() => formFields(entity), [entity]);
  const isNew = id === undefined;
  const organization = useQuery('organization', () => loadOrganization(client));
  const record = useQuery(`${entity.set}|${id ?? 'new'}`, async () =>
    id === undefined ? undefined : loadRecord(client, entity, id),
  );
  // What the server lets this user do with the record now; reloaded with the record.
  const asksServer = id !== undefined && TABLES_WITH_ALLOWED_MESSAGES.has(entity.logicalName);
  const allowed = useQuery(`allowed|${entity.set}|${id ?? 'new'}`, async () =>
    asksServer ? loadAllowedMessages(client, entity.logicalName, id) : undefined,
  );
  const [form, setForm] = useState(() => {
    const empty = valuesFromRow(fields, undefined);
    return { initial: empty, values: empty };
  });
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  // Panels and lines reload whenever the form reloads the record after a change.
  const [refreshKey, setRefreshKey] = useState(0);

  const row = record.data;
  useEffect(() => {
    if (!row) return;
    const next = valuesFromRow(fields, row);
    setForm((current) => ({ initial: next, values: mergeReloaded(current.values, current.initial, next) }));
  }, [row, fields]);

  const reloadRecord = useCallback(async () => {
    await Promise.all([record.reload(), organization.reload(), allowed.reload()]);
    setRefreshKey((key) => key + 1);
  }, [record.reload, organization.reload, allowed.reload]);

  const context: RecordContext | undefined =
    id !== undefined && row && organization.data && (!asksServer || allowed.data)
      ? {
          client,
          entity,
          id,
          record: row,
          user,
          organization: organization.data,
          ...(allowed.data ? { allowedMessages: allowed.data } : {}),
        }
      : undefined;
  const editable = isNew || (context ? entity.editable(context) : false);
  const notice = context ? entity.notice?.(context) : undefined;
  const changes = changesOf(fields, form.initial, form.values, isNew);
  const dirty = Object.keys(changes).length > 0;
  // Leaving with unsaved changes asks first; Ctrl+S saves (ui/src/forms/unsaved-changes.ts).
  const guard = useUnsavedChangesGuard(dirty && editable, editable && !busy ? () => void save() : undefined);

  const setValue = (column: string, value: string) =>
    setForm((current) => ({ ...current, values: { ...current.values, [column]: value } }));

  /** Saves the changes; false when there was something to fix first, or the page moved to a new record. */
  async function saveChanges(): Promise<boolean> {
    const found = validate(fields, form.values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      messages.error(new Error(`Check the highlighted fields: ${Object.values(found).join(' ')}`));
      return false;
    }
    if (isNew) {
      const newId = await createRecord(client, entity, changes);
      flashMessage(`The ${entity.singular.toLowerCase()} was created.`);
      guard.release();
      navigate(recordPath(entity.area, newId), { replace: true });
      return false;
    }
    if (!dirty) return true;
    await updateRecord(client, entity, id, changes);
    await reloadRecord();
    return true;
  }

  async function save() {
    setBusy(true);
    try {
      const wasDirty = dirty;
      if ((await saveChanges()) && wasDirty) messages.success('Saved.');
    } catch (error) {
      messages.error(error);
    } finally {
      setBusy(false);
    }
  }

  /** Refresh: what the server holds now (unsaved changes are kept, as a reload after a save keeps them). */
  async function refresh() {
    try {
      await reloadRecord();
    } catch (error) {
      messages.error(error);
    }
  }

  /** The command whose confirmation dialog is open. */
  const [asking, setAsking] = useState<CommandDefinition | undefined>();

  async function finishDialog(outcome: CommandOutcome | undefined) {
    setAsking(undefined);
    if (outcome?.navigateTo) {
      if (outcome.message) flashMessage(outcome.message);
      // The changes were saved before the command ran: nothing is left to lose.
      guard.release();
      await dialogGone();
      navigate(outcome.navigateTo);
      return;
    }
    await reloadRecord();
    if (outcome?.message) messages.success(outcome.message);
  }

  /** Runs a command after saving pending changes, as Sales does, then shows what the server answers. */
  async function run(command: CommandDefinition) {
    if (!context) return;
    setBusy(true);
    try {
      if (dirty && !(await saveChanges())) return;
      if (command.dialog) {
        setAsking(command);
        return;
      }
      const outcome = await command.run(context);
      if (outcome?.navigateTo) {
        if (outcome.message) flashMessage(outcome.message);
        guard.release();
        navigate(outcome.navigateTo);
        return;
      }
      await reloadRecord();
      if (outcome?.message) messages.success(outcome.message);
    } catch (error) {
      messages.error(error);
      await reloadRecord();
    } finally {
      setBusy(false);
      window.requestAnimationFrame(keepFocusOnPage);
    }
  }

  const linesChanged = useCallback(
    async (message: string) => {
      await reloadRecord();
      messages.success(message);
    },
    [reloadRecord, messages.success],
  );

  if (!isNew && !row && record.error) {
    return (
      <>
        <PageHeading title={entity.singular} />
        <LoadError error={record.error} retry={() => void record.reload()} />
      </>
    );
  }
  if (!organization.data && organization.error) {
    return (
      <>
        <PageHeading title={entity.singular} />
        <LoadError error={organization.error} retry={() => void organization.reload()} />
      </>
    );
  }
  if ((!isNew && !row) || !organization.data) return <Spinner label={`Loading ${entity.singular.toLowerCase()}…`} />;

  return (
    <div className={styles.page}>
      <RecordHeader entity={entity} row={row} />
      <CommandBar
        label={`${entity.singular} commands`}
        busy={busy}
        save={editable ? { dirty: isNew || dirty, run: () => void save() } : undefined}
        context={context}
        commands={entity.commands}
        run={(command) => void run(command)}
        refresh={isNew ? undefined : () => void refresh()}
      />
      {editable && dirty ? (
        <Text role="status" className={styles.unsaved}>
          Unsaved changes (Ctrl+S saves)
        </Text>
      ) : null}
      {asking?.dialog && context ? (
        <asking.dialog
          context={context}
          onDone={(outcome) => void finishDialog(outcome)}
          onCancel={() => setAsking(undefined)}
        />
      ) : null}
      <MessageList messages={messages} />
      {notice ? <NoticeBar notice={notice} /> : null}
      <section aria-labelledby="summary-heading" className={styles.section}>
        <h2 id="summary-heading" className={styles.sectionTitle}>
          Summary
        </h2>
        <div className={styles.grid}>
          {entity.fields.map((field) => (
            <div key={field.column} className={field.kind === 'multiline' ? styles.wide : undefined}>
              <FieldInput
                field={field}
                value={form.values[field.column] ?? ''}
                row={row}
                disabled={!editable || (field.createOnly === true && !isNew)}
                problem={problems[field.column]}
                onChange={(value) => setValue(field.column, value)}
              />
            </div>
          ))}
        </div>
      </section>
      {entity.salesLines ? (
        <section aria-labelledby="lines-heading" className={styles.section}>
          <h2 id="lines-heading" className={styles.sectionTitle}>
            Products
          </h2>
          {context ? (
            <ProductLines
              lines={entity.salesLines}
              parentSet={entity.set}
              parentId={context.id}
              editable={editable}
              refreshKey={refreshKey}
              onChanged={linesChanged}
              onError={messages.error}
            />
          ) : (
            <Text>Save the {entity.singular.toLowerCase()} to add products.</Text>
          )}
        </section>
      ) : null}
      {entity.priceListItems ? (
        <section aria-labelledby="items-heading" className={styles.section}>
          <h2 id="items-heading" className={styles.sectionTitle}>
            Price List Items
          </h2>
          {id !== undefined ? (
            <PriceListItems priceListId={id} onChanged={messages.success} onError={messages.error} />
          ) : (
            <Text>Save the price list to add products to it.</Text>
          )}
        </section>
      ) : null}
      {entity.totals ? (
        <section aria-labelledby="totals-heading" className={styles.section}>
          <h2 id="totals-heading" className={styles.sectionTitle}>
            Totals
          </h2>
          <TotalsSection
            totals={entity.totals}
            row={row}
            values={form.values}
            problems={problems}
            disabled={!editable}
            onChange={setValue}
          />
        </section>
      ) : null}
      {context
        ? entity.panels?.map(({ name, Panel }) => <Panel key={name} recordId={context.id} refreshKey={refreshKey} />)
        : null}
    </div>
  );
}
