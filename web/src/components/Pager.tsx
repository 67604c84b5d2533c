import { t } from '../i18n/index.ts';

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav class="pager no-print" data-testid="pager" aria-label={t('label.pageInfo', { page, pages, total })}>
      <button type="button" class="button" data-testid="page-prev" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('button.prev')}
      </button>
      <span class="pager-info" data-testid="page-info">
        {t('label.pageInfo', { page, pages, total })}
      </span>
      <button type="button" class="button" data-testid="page-next" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('button.next')}
      </button>
    </nav>
  );
}
