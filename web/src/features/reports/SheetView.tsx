import { formatDateTime } from '../../components/format.ts';
import type { ReportSheet } from './reports-api.ts';
import { isWide, say, unitText } from './report-format.ts';
import { ReportTable } from './ReportTable.tsx';
import { t } from './i18n.ts';

/**
 * The sheet as the printed form: the title centred, 填报单位 and 统计期间, the table, the notes,
 * and, on paper only, a line to sign for each caption and the date it was made.
 */
export function SheetView({ sheet, busy }: { sheet: ReportSheet; busy: boolean }) {
  const colon = t('report.colon');
  return (
    <article class="report-sheet" data-testid="report-sheet" data-report={sheet.report} data-wide={isWide(sheet)} data-rows={sheet.rows.length}>
      <h2 class="report-title" data-testid="report-title">
        {say(sheet.title)}
      </h2>
      <p class="report-meta">
        <span data-testid="report-unit">
          {t('report.unit')}
          {colon}
          {unitText(sheet.depot)}
        </span>
        <span data-testid="report-period-label">
          {t('report.periodLabel')}
          {colon}
          {say(sheet.period.label)}
        </span>
      </p>
      <ReportTable sheet={sheet} busy={busy} />
      {sheet.notes.length > 0 && (
        <div class="report-notes" data-testid="report-notes">
          <span>{t('report.notes')}</span>
          <ol>
            {sheet.notes.map((note, i) => (
              <li key={i}>{say(note)}</li>
            ))}
          </ol>
        </div>
      )}
      <div class="report-signatures print-only" data-testid="report-signatures">
        {sheet.signatures.map((caption, i) => (
          <span key={i} class="report-signature" data-testid="report-signature">
            {say(caption).replace(/\s*[:：]\s*$/, '')}
            {colon}
            <span class="report-sign-line" aria-hidden="true" />
          </span>
        ))}
      </div>
      <p class="report-generated muted" data-testid="report-generated">
        {t('report.generatedAt', { time: formatDateTime(sheet.generatedAt) })}
      </p>
    </article>
  );
}
