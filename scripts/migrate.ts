/** Applies the committed migrations to DATABASE_URL, or to the embedded database when it is unset. */
import { bootDatabase } from '../server/boot';
import { runMigrations, withBootLock } from '../db/migrate';

const booted = await bootDatabase();
await withBootLock(booted.url, runMigrations);
console.log('Migrations applied.');
await booted.stop();
