/**
 * eachRow (electron/archive/stream-rows.ts) against a real PostgreSQL: rows handed on in
 * order as they arrive, an early stop, and errors of either side answered without leaving
 * the connection unusable.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachRow } from '../../electron/archive/stream-rows';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

let server: TestPostgres;
let client: pg.Client;

const ROWS =
  'SELECT n, repeat(chr(65 + n % 26), 300) AS line FROM generate_series(1, $1::int) AS n ORDER BY n';

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

it('hands every row on, in order', async () => {
  const seen: number[] = [];
  const handed = await eachRow<{ n: number; line: string }>(client, ROWS, [5000], (row) => {
    seen.push(row.n);
    expect(row.line).toHaveLength(300);
    return true;
  });
  expect(handed).toBe(5000);
  expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
});

it('hands on nothing more once told to stop, and the connection goes on', async () => {
  const seen: number[] = [];
  const handed = await eachRow<{ n: number }>(client, ROWS, [1000], (row) => {
    seen.push(row.n);
    return row.n < 10;
  });
  expect(handed).toBe(10);
  expect(seen.at(-1)).toBe(10);
  expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
});

it("answers with the error onRow threw, and PostgreSQL's own errors, as rejections", async () => {
  const boom = new Error('a row it could not take');
  await expect(
    eachRow(client, ROWS, [100], () => {
      throw boom;
    }),
  ).rejects.toBe(boom);
  await expect(eachRow(client, 'SELECT * FROM no_such_table', [], () => true)).rejects.toThrow(
    /no_such_table/,
  );
  expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
});
