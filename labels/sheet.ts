import { drawingSvg, drawSheetLabel, type LabelContent } from './render.ts';
import { layoutSheet, SHEET_LAYOUTS, type PrinterDpi, type SheetLayoutName } from './layouts.ts';

const mm = (n: number) => `${Math.round(n * 100) / 100}mm`;

/**
 * A printable HTML document of labels on a sheet layout: one `.sheet-page` per page at the exact
 * page size (`@page`), each label absolutely placed, its barcode in whole dots of the printer.
 * The same label printed twice is rendered once. A label that cannot be drawn leaves its cell
 * marked with why (`data-problem`), and the others print. On screen the pages show on grey, as
 * they will print.
 */
export function sheetHtml(layoutName: SheetLayoutName, labels: readonly LabelContent[], title: string, dpi: PrinterDpi = SHEET_LAYOUTS[layoutName].printerDpi): string {
  const layout = SHEET_LAYOUTS[layoutName];
  const size = { widthMm: layout.labelWidthMm, heightMm: layout.labelHeightMm };
  const rendered = new Map<string, { svg: string; problem?: string }>();
  const svgOf = (label: LabelContent) => {
    const key = JSON.stringify(label);
    let cell = rendered.get(key);
    if (cell === undefined) {
      const d = drawSheetLabel(label, size, dpi);
      cell = { svg: drawingSvg(d), problem: d.problem };
      rendered.set(key, cell);
    }
    return cell;
  };
  const placements = layoutSheet(layout, labels.length);
  const pages: string[][] = [];
  let problems = 0;
  placements.forEach((p, i) => {
    const { svg, problem } = svgOf(labels[i]!);
    if (problem) problems += 1;
    (pages[p.page] ??= []).push(`<div class="label${problem ? ' label-problem' : ''}" style="left:${mm(p.xMm)};top:${mm(p.yMm)}"${problem ? ` data-problem="${problem}"` : ''}>${svg}</div>`);
  });
  const page = `width:${mm(layout.pageWidthMm)};height:${mm(layout.pageHeightMm)}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, '')}</title>
<style>
@page { size: ${mm(layout.pageWidthMm)} ${mm(layout.pageHeightMm)}; margin: 0; }
html, body { margin: 0; padding: 0; }
.sheet-page { position: relative; ${page}; overflow: hidden; break-after: page; background: #fff; }
.sheet-page:last-child { break-after: auto; }
.label { position: absolute; width: ${mm(layout.labelWidthMm)}; height: ${mm(layout.labelHeightMm)}; }
.label svg { display: block; width: 100%; height: 100%; }
@media screen { body { background: #888; padding: 8mm 0; } .sheet-page { margin: 0 auto 8mm; box-shadow: 0 1mm 3mm rgba(0,0,0,.4); } }
</style></head><body data-layout="${layoutName}" data-dpi="${dpi}" data-labels="${labels.length}" data-pages="${pages.length}" data-problems="${problems}">
${pages.map((labelsOnPage) => `<div class="sheet-page">${labelsOnPage.join('')}</div>`).join('\n')}
</body></html>`;
}
