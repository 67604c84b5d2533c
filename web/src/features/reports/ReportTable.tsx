import type { ReportColumn, ReportRow, ReportSheet } from './reports-api.ts';
import { cellText, headerSpans, isNegative, isNumeric, say } from './report-format.ts';
import { t } from './i18n.ts';

/**
 * A report's table laid out like the paper form: a two-row header when columns are grouped
 * (期初库存 over 数量 and 金额), numbers right-aligned, the 合计 rows last and bold (one per unit
 * when the rows hold several units, then 合计). A wide sheet scrolls inside its own box, never the
 * page: the header sticks to its top, the 合计 rows to its bottom and the first column to its
 * left edge, so that a row's product and the totals stay in view on a phone. The box takes the
 * keyboard's focus (arrow keys scroll it) and is named for screen readers.
 */
export function ReportTable({ sheet, busy }: { sheet: ReportSheet; busy: boolean }) {
  const spans = headerSpans(sheet.columns);
  const twoRows = spans.some((s) => s.group);
  const short = shortTextColumns(sheet);
  const totals = sheet.totals && sheet.rows.length > 0 ? [...sheet.unitTotals, sheet.totals] : [];
  return (
    <div class="report-table-wrap" data-testid="report-table-wrap" tabIndex={0} role="region" aria-label={t('report.tableRegion', { title: say(sheet.title) })}>
      <table class="data report-table" data-testid="report-table" data-header-rows={twoRows ? 2 : 1} aria-busy={busy}>
        <thead>
          <tr>
            {spans.map((span) =>
              span.group ? (
                <th key={`g-${span.columns[0].key}`} colSpan={span.columns.length} scope="colgroup" class="report-group-head" data-testid="report-group-head">
                  {say(span.group)}
                </th>
              ) : (
                <HeaderCell key={span.columns[0].key} column={span.columns[0]} rowSpan={twoRows ? 2 : 1} />
              ),
            )}
          </tr>
          {twoRows && (
            <tr>
              {spans
                .filter((s) => s.group)
                .flatMap((s) => s.columns)
                .map((column) => (
                  <HeaderCell key={column.key} column={column} rowSpan={1} />
                ))}
            </tr>
          )}
        </thead>
        <tbody>
          {sheet.rows.length === 0 ? (
            <tr>
              <td class="empty" colSpan={sheet.columns.length} data-testid="report-empty">
                <span class="report-empty-text">{t('report.empty')}</span>
              </td>
            </tr>
          ) : (
            sheet.rows.map((row, i) => (
              <tr key={i} data-testid="report-row" data-code={typeof row.code === 'string' ? row.code : undefined} data-lot={typeof row.lot === 'string' ? row.lot : undefined}>
                {sheet.columns.map((column) => (
                  <Cell key={column.key} column={column} row={row} short={short.has(column.key)} />
                ))}
              </tr>
            ))
          )}
        </tbody>
        {totals.length > 0 && (
          <tfoot>
            {totals.map((row, i) => {
              const perUnit = i < totals.length - 1;
              const shown = labelFirst(sheet.columns, row);
              return (
                <tr key={i} class={perUnit ? 'report-totals report-unit-totals' : 'report-totals'} data-testid={perUnit ? 'report-unit-totals' : 'report-totals'} data-unit={perUnit ? String(row.unit) : undefined}>
                  {sheet.columns.map((column) => (
                    <Cell key={column.key} column={column} row={shown} short={short.has(column.key)} />
                  ))}
                </tr>
              );
            })}
          </tfoot>
        )}
      </table>
    </div>
  );
}

/**
 * A total row with its label (合计, 合计（盒）) in the first column, the one that stays in view when
 * the sheet scrolls sideways; the server puts it in the name column, as the paper form does.
 */
function labelFirst(columns: readonly ReportColumn[], row: ReportRow): ReportRow {
  const first = columns[0]?.key;
  const label = columns.find((c) => c.kind === 'text' && typeof row[c.key] === 'string' && row[c.key] !== '')?.key;
  if (first === undefined || label === undefined || label === first) return row;
  return { ...row, [first]: row[label] ?? null, [`${first}En`]: row[`${label}En`] ?? null, [label]: null, [`${label}En`]: null };
}

function HeaderCell({ column, rowSpan }: { column: ReportColumn; rowSpan: number }) {
  return (
    <th scope="col" rowSpan={rowSpan} data-col={column.key} data-kind={column.kind}>
      {say(column.header)}
    </th>
  );
}

/** Past this many characters a text cell may wrap (a product name); shorter ones never do (a code, a lot, a date). */
const SHORT_TEXT = 12;

function shortTextColumns(sheet: ReportSheet): Set<string> {
  const rows = sheet.totals ? [...sheet.rows, ...sheet.unitTotals, sheet.totals] : sheet.rows;
  return new Set(sheet.columns.filter((c) => !isNumeric(c) && rows.every((r) => cellText(c, r).length <= SHORT_TEXT)).map((c) => c.key));
}

function Cell({ column, row, short }: { column: ReportColumn; row: ReportRow; short: boolean }) {
  const classes = [isNumeric(column) ? 'num' : short ? 'report-text nowrap' : 'report-text', isNegative(row, column) ? 'negative' : ''].filter(Boolean).join(' ');
  return (
    <td class={classes} data-col={column.key}>
      {isNumeric(column) ? cellText(column, row) : <span class="report-cell-text">{cellText(column, row)}</span>}
    </td>
  );
}
