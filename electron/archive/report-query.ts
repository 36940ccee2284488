/**
 * One report query across many journals, planned for what it is: an aggregate over a
 * year's entries joined to the list of journals the report counts. PostgreSQL cannot see
 * how many rows that list (an unnest of parameters) matches, guesses a handful, and picks
 * nested loops that scan the entries once per deployment: measured on the bench archive
 * (1,000 deployments, 950,000 entries), the figures query ran over ten minutes that way and
 * 29 s with hash joins on the same busy machine. So hash joins only, and room to sort in
 * memory, for this one transaction. And no JIT: PostgreSQL compiles a query this size for
 * every run, and on the bench archive compiling the figures query took 3.1 s of its 15 s
 * (EXPLAIN ANALYZE, same machine, same load) while the compiled code saved less.
 */
import type pg from 'pg';

export async function reportQuery<R extends pg.QueryResultRow>(
  db: pg.Pool,
  sql: string,
  params: unknown[],
): Promise<R[]> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query('SET LOCAL enable_nestloop = off');
    await client.query('SET LOCAL jit = off');
    const { rows } = await client.query<R>(sql, params);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
