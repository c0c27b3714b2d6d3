/**
 * npm run db:seed — migrates, then loads the demo workspace into DATABASE_URL (or the embedded database).
 * Demo data only ever goes into an empty database; anything else is left untouched.
 */
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-users';
import { bootDatabase, prepareDatabase } from '../server/boot';

const booted = await bootDatabase();
try {
  const { seeded } = await prepareDatabase(booted.url, { seedDemo: true });
  if (seeded) {
    console.log(`Demo data loaded. Sign in with any of these (password: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(10)} ${user.email}`);
  } else {
    console.log('The database already holds data; demo data only goes into an empty database. Nothing was changed.');
  }
} finally {
  await booted.stop();
}
