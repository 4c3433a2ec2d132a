import type { ReactNode } from 'react';

export type Column<Row> = { key: string; header: string; numeric?: boolean; render(row: Row): ReactNode };

/**
 * A data table with a caption; it scrolls inside its own box so a 320 px screen never scrolls
 * sideways. The scroll box is focusable so keyboard users can scroll it (axe: scrollable-region).
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, emptyText }: { caption: string; columns: Column<Row>[]; rows: Row[]; rowKey(row: Row): string; emptyText?: string }) {
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
                      {column.render(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={`table__column${column.numeric ? ' table__column--numeric' : ''}`}>
                      {column.render(row)}
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
