/** The record's name as the page heading, with its table, number and state underneath. */
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { formatted, type Row } from '../data/row';
import type { EntityDefinition } from '../entities/entity-definition';
import { PageHeading } from '../shell/page-heading';

const useStyles = makeStyles({
  subtitle: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
    marginTop: tokens.spacingVerticalXS,
  },
});

export function RecordHeader({ entity, row }: { readonly entity: EntityDefinition; readonly row: Row | undefined }) {
  const styles = useStyles();
  const name = row ? String(row[entity.primaryName] ?? '') || '(no name)' : `New ${entity.singular}`;
  const number = entity.numberColumn ? formatted(row, entity.numberColumn) : '';
  return (
    <div>
      <PageHeading title={name} />
      <div className={styles.subtitle}>
        <Text>{entity.singular}</Text>
        {number ? <Text>{number}</Text> : null}
        {entity.hasState && row ? (
          <Badge appearance="tint" color="brand" aria-label={`Status: ${formatted(row, 'statecode')}`}>
            {formatted(row, 'statecode')}
          </Badge>
        ) : null}
        {entity.hasState && row && formatted(row, 'statuscode') ? <Text>{formatted(row, 'statuscode')}</Text> : null}
      </div>
    </div>
  );
}
