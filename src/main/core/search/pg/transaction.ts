/** One transaction on one pooled connection: the pattern every PostgreSQL writer here follows. */
import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` between `begin` (BEGIN, or BEGIN with an isolation level) and COMMIT on one
 * connection of `pool`; rolls back and rethrows when it throws, and always gives the connection back.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
