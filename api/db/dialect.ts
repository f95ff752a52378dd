/**
 * A Kysely dialect for the `sqlite3` package. Kysely's own SqliteDialect expects a
 * better-sqlite3-style synchronous database; this reuses Kysely's SQLite adapter, query
 * compiler and introspector and adds a small asynchronous driver.
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";
import type { SqliteConnection } from "./sqlite.js";

/** Dialect over one already-open connection (SQLite serialises access anyway). */
export class Sqlite3Dialect implements Dialect {
  constructor(private readonly connection: SqliteConnection) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.connection);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class Sqlite3Driver implements Driver {
  private readonly connection: DatabaseConnection;
  constructor(private readonly sqlite: SqliteConnection) {
    this.connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const rows = await sqlite.all<R>(query.sql, query.parameters);
        return { rows };
      },
      // eslint-disable-next-line require-yield
      streamQuery: async function* () {
        throw new Error("streamQuery is not supported by the sqlite3 dialect");
      },
    };
  }
  async init() {}
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection() {}
  async destroy() {
    await this.sqlite.close();
  }
}
