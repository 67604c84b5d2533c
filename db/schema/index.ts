export * from './depots.ts';
export * from './catalogue.ts';
export * from './stock.ts';
export * from './access.ts';
export * from './documents.ts';
export * from './receipts.ts';
export * from './inspections.ts';
export * from './transfers.ts';
