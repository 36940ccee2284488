/**
 * A query whose rows are handed to `onRow` as they arrive, one at a time, and not kept.
 * pg's ordinary query gathers every row into an array before it answers; for a verifier
 * reading a million lines that array outlived each young-generation collection, so the
 * rows were copied again and again and collection cost as much as the hashing (issue 25).
 * A row handed on and dropped dies young, and a collection finds almost nothing alive.
 *
 * `onRow` returns false to be given no more rows (the query still runs to its end). An
 * exception it throws is the query's answer, not an unhandled event.
 */
import pg from 'pg';

export function eachRow<Row extends pg.QueryResultRow>(
  client: pg.ClientBase,
  text: string,
  values: unknown[],
  onRow: (row: Row) => boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query<Row>(text, values);
    let handed = 0;
    let wanted = true;
    let thrown: Error | null = null;
    query.on('row', (row: Row) => {
      if (!wanted) return;
      handed += 1;
      try {
        wanted = onRow(row);
      } catch (error) {
        thrown = error instanceof Error ? error : new Error(String(error));
        wanted = false;
      }
    });
    query.on('error', reject);
    query.on('end', () => (thrown ? reject(thrown) : resolve(handed)));
    void client.query(query);
  });
}
