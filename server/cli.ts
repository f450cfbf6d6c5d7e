// Moderator accounts and maintenance, on the same store as the server (DATA_DIR or DATABASE_URL):
//   printf '%s' "$PASSWORD" | npx tsx server/cli.ts add-moderator <name>
//   npx tsx server/cli.ts disable-moderator <name>
//   npx tsx server/cli.ts purge            (apply the retention rules now)
import { resolve } from 'node:path';
import { addModerator } from './participation.ts';
import { purge } from './retention.ts';
import { migrate, openStore } from './store.ts';

const MIN_PASSWORD = 12;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown; prefer a pipe): ');
  const chunks: Buffer[] = [];
  if (process.stdin.isTTY) {
    // Interactive: one line.
    return new Promise((done) => process.stdin.once('data', (d) => done(String(d).replace(/\r?\n$/, ''))));
  }
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [cmd, name] = argv;
  const usage = 'usage: cli.ts add-moderator <name> (password on stdin) | disable-moderator <name> | purge';
  if (!cmd || ((cmd === 'add-moderator' || cmd === 'disable-moderator') && !name)) {
    console.error(usage);
    return 2;
  }
  const env = process.env;
  const store = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? '.data') });
  try {
    await migrate(store);
    if (cmd === 'add-moderator') {
      if (!/^[\p{L}\p{N}_.-]{1,64}$/u.test(name)) {
        console.error(`add-moderator: "${name}" is not a valid name (letters, digits, _ . -, at most 64)`);
        return 2;
      }
      const password = await readStdin();
      if ([...password].length < MIN_PASSWORD) {
        console.error(`add-moderator: the password needs at least ${MIN_PASSWORD} characters`);
        return 2;
      }
      const exists = await store.query('SELECT 1 FROM moderators WHERE name = $1', [name]);
      if (exists.rowCount) {
        console.error(`add-moderator: "${name}" exists already`);
        return 1;
      }
      const m = await addModerator(store, name, password);
      console.log(`moderator "${m.name}" added (id ${m.id})`);
    } else if (cmd === 'disable-moderator') {
      const r = await store.query('UPDATE moderators SET disabled = true WHERE name = $1', [name]);
      if (!r.rowCount) {
        console.error(`disable-moderator: no moderator "${name}"`);
        return 1;
      }
      await store.query('DELETE FROM sessions WHERE moderator_id IN (SELECT id FROM moderators WHERE name = $1)', [name]);
      console.log(`moderator "${name}" disabled, sessions ended`);
    } else if (cmd === 'purge') {
      console.log(JSON.stringify(await purge(store)));
    } else {
      console.error(usage);
      return 2;
    }
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
