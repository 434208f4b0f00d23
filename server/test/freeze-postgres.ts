/**
 * Freezes a Postgres server as a hung machine would (SIGSTOP to the server and every one of its processes): it accepts
 * nothing and answers nothing until thawed. For a Postgres of the test's own (startPostgres), never a shared one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);

/** The server's main process (postmaster) and all its children, found from a backend's own process id. */
async function serverProcesses(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let postmaster: number;
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    // While the backend lives: it goes with the connection.
    postmaster = parentOf(rows[0].pid);
  } finally {
    await client.end();
  }
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return parentOf(pid) === postmaster;
      } catch {
        return false; // gone meanwhile
      }
    });
  return [postmaster, ...children];
}

export async function freezePostgres(url: string): Promise<{ thaw(): void }> {
  const pids = await serverProcesses(url);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return {
    thaw() {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // already gone
        }
      }
    },
  };
}
