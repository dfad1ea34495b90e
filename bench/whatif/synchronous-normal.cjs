/**
 * What-if patch for bench/webhook.ts (not used by default): every libSQL connection of our server runs
 * `PRAGMA synchronous = NORMAL` before its first statement, as src/db/node.ts could do after
 * `journal_mode = WAL`. Usage:
 *   BENCH_NODE_OPTIONS="--require ./bench/whatif/synchronous-normal.cjs" npm run bench -- webhook
 */
const Database = require(require.resolve("libsql", { paths: [process.cwd()] }));
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  if (!this.__synchronousNormal) {
    this.__synchronousNormal = true;
    prepare.call(this, "PRAGMA synchronous = NORMAL").run();
  }
  return prepare.call(this, sql);
};
