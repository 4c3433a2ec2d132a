import type { ReactNode } from 'react';
import { formatNumber } from '#shared/format/number.ts';
import type { Locale } from '#shared/i18n/messages.ts';
import { useLocale } from '../app/locale.tsx';

export type Column<Row> = { key: string; header: string; numeric?: boolean; render(row: Row): ReactNode };

/**
 * What a cell shows: a number a column renders as such is written in the interface's language
 * ("12 345" in Swedish), so no page prints a count with `String(n)`. A year or a code is rendered
 * as text by its column.
 */
export function cellContent(content: ReactNode, locale: Locale): ReactNode {
  return typeof content === 'number' ? formatNumber(content, locale) : content;
}

/**
 * A data table with a caption; it scrolls inside its own box so a 320 px screen never scrolls
 * sideways. The scroll box is focusable so keyboard users can scroll it (axe: scrollable-region).
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  emptyText,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
  emptyText?: string;
}) {
  const { locale } = useLocale();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr className="table__row">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`table__column${column.numeric ? ' table__column--numeric' : ''}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && emptyText ? (
            <tr className="table__row">
              <td className="table__column" colSpan={columns.length}>
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="table__row">
                {columns.map((column, index) =>
                  index === 0 ? (
                    <th key={column.key} scope="row" className={`table__column${column.numeric ? ' table__column--numeric' : ''}`}>
                      {cellContent(column.render(row), locale)}
                    </th>
                  ) : (
                    <td key={column.key} className={`table__column${column.numeric ? ' table__column--numeric' : ''}`}>
                      {cellContent(column.render(row), locale)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
