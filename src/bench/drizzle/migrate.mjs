// Budgetron's container start with Drizzle: drizzle-orm's own migrator over the same ten migrations.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

const client = new pg.Client({ connectionString: process.env.DB_URL });
await client.connect();
await migrate(drizzle(client), { migrationsFolder: process.env.MIGRATIONS });
await client.end();
