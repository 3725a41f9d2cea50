export {
  type DatabaseKind,
  databaseKinds,
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from './db/test-database.ts'
