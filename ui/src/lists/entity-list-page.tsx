/**
 * A list of one table: search (kept in the address, so a search can be bookmarked), a page of rows at
 * a time with Previous and Next, and New. The first column links to the record.
 */
import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import type { EntityDefinition } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { AppLink } from '../routing/app-link';
import { navigate } from '../routing/location';
import { listPath, recordPath } from '../routing/routes';
import { useSession } from '../session/session-context';
import { PageHeading } from '../shell/page-heading';
import { type DataColumn, DataTable } from '../tables/data-table';
import { loadListPage } from './list-query';
import { listStatus } from './list-status';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  top: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  search: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  searchField: { minWidth: '240px', flexGrow: 1, maxWidth: '420px' },
  paging: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export interface EntityListPageProps {
  readonly entity: EntityDefinition;
  readonly search: string;
}

/** The table's list columns; the first one links to the record, named "(no name)" when it has none. */
function listColumnsOf(entity: EntityDefinition): readonly DataColumn<Row>[] {
  return entity.listColumns.map((column, index) => {
    const text = (row: Row) => formatted(row, column.lookup ? lookupColumn(column.column) : column.column);
    return {
      key: column.column,
      header: column.label,
      cell:
        index === 0
          ? (row: Row) => (
              <AppLink to={recordPath(entity.area, String(row[entity.id]))}>{text(row) || '(no name)'}</AppLink>
            )
          : text,
    };
  });
}

export function EntityListPage({ entity, search }: EntityListPageProps) {
  const styles = useStyles();
  const { client } = useSession();
  const [draft, setDraft] = useState(search);
  // The link of each page visited so far: Previous goes back one, Next follows the server's nextLink.
  const [pageLinks, setPageLinks] = useState<readonly (string | undefined)[]>([undefined]);
  const pageIndex = pageLinks.length - 1;
  const page = useQuery(`${entity.set}|${search}|${pageLinks[pageIndex] ?? 'first'}`, () =>
    loadListPage(client, entity, search, pageLinks[pageIndex]),
  );
  const total = page.data?.total;

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    navigate(listPath(entity.area, draft.trim()));
  }

  const rows = page.data?.rows ?? [];
  const searchLabel = `Search ${entity.plural.toLowerCase()}`;
  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <PageHeading title={entity.plural} />
        <Button appearance="primary" onClick={() => navigate(`/${entity.area}/new`)}>
          New {entity.singular}
        </Button>
      </div>
      <search>
        <form className={styles.search} onSubmit={submitSearch}>
          <Field label={searchLabel} className={styles.searchField}>
            <Input type="search" value={draft} onChange={(_event, data) => setDraft(data.value)} />
          </Field>
          <Button type="submit">Search</Button>
          {search ? (
            <Button
              onClick={() => {
                setDraft('');
                navigate(listPath(entity.area));
              }}
            >
              Clear search
            </Button>
          ) : null}
        </form>
      </search>
      {page.error ? <LoadError error={page.error} retry={() => void page.reload()} /> : null}
      {page.loading && !page.data ? <Spinner label={`Loading ${entity.plural.toLowerCase()}…`} /> : null}
      {page.data ? (
        <>
          <Text role="status">
            {listStatus({ shown: rows.length, total, search, singular: entity.singular, plural: entity.plural })}
          </Text>
          <DataTable
            label={entity.plural}
            columns={listColumnsOf(entity)}
            rows={rows}
            rowKey={(row) => String(row[entity.id])}
          />
          <nav aria-label="Pages" className={styles.paging}>
            <Button disabled={pageIndex === 0} onClick={() => setPageLinks((links) => links.slice(0, -1))}>
              Previous page
            </Button>
            <Text>Page {pageIndex + 1}</Text>
            <Button
              disabled={!page.data.nextLink}
              onClick={() => {
                const next = page.data?.nextLink;
                if (next) setPageLinks((links) => [...links, next]);
              }}
            >
              Next page
            </Button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
