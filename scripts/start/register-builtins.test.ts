// `npm start`'s registration of shipped locks on a real (in-memory PGlite) database, over a
// temporary models root holding copies of the shipped function-composition lock that say which
// task config they were built on: the default one, none (an older checkpoint), and
// compositionLength 1, which must land in its own instance.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { referenceModelDir } from "@lockpick/bench/lock";
import { copyLockWithTaskConfig, copyLockWithTaskVersion } from "@lockpick/bench/lock/testing";
import {
  createDb,
  createTaskInstance,
  getTaskInstance,
  listModels,
  listTaskInstances,
  migrate,
  type DbHandle,
} from "@lockpick/db";
import { getTaskFamily } from "@lockpick/tasks";
import { registerReferenceModels, registerTasks } from "./register-builtins";

const family = getTaskFamily("function-composition");
const defaults = family.defaultConfig as Record<string, unknown>;
const SHORT = "function-composition-composition-length-1";

let home: string;
let modelsRoot: string;
before(async () => {
  // The local checkpoint store under `home`, whatever the calling shell configured.
  delete process.env.LOCKPICK_STORAGE;
  delete process.env.LOCKPICK_STORAGE_DIR;
  home = await mkdtemp(join(tmpdir(), "lockpick-register-"));
  modelsRoot = join(home, "models");
  const shipped = referenceModelDir("function-composition");
  const variants: [string, Record<string, unknown> | null][] = [
    ["ft-default", defaults],
    ["ft-older", null],
    ["ft-short", { ...defaults, compositionLength: 1 }],
  ];
  for (const [variant, config] of variants)
    await copyLockWithTaskConfig(
      shipped,
      join(modelsRoot, "function-composition", variant),
      config,
    );
});
after(() => rm(home, { recursive: true, force: true }));

async function freshDb() {
  const handle = await createDb({ dataDir: "memory" });
  await migrate(handle);
  return handle;
}

async function register(handle: DbHandle, log: string[] = []) {
  await registerTasks(handle);
  return registerReferenceModels(handle, { home, modelsRoot, log: (l) => log.push(l) });
}

const modelNames = async (handle: DbHandle, slug: string) => {
  const task = (await getTaskInstance(handle.db, slug))!;
  return (await listModels(handle.db, { taskInstanceId: task.id })).map((m) => m.name);
};

test("a lock built on a non-default config is registered under that config's instance, once", async () => {
  const handle = await freshDb();
  try {
    assert.equal(await register(handle), 3);
    const short = await getTaskInstance(handle.db, SHORT);
    assert.ok(short, "the compositionLength-1 instance exists");
    assert.deepEqual(short.config, { ...defaults, compositionLength: 1 });
    assert.equal(short.familyId, family.id);
    assert.equal(short.title, `${family.title} (composition length 1)`);
    assert.equal(short.builtin, true);
    assert.equal(short.status, "published");
    assert.deepEqual(await modelNames(handle, SHORT), ["ft-short"]);
    // The default config, spelled out or not recorded at all, stays on the family's instance.
    const main = (await getTaskInstance(handle.db, family.id))!;
    assert.deepEqual(main.config, defaults);
    assert.equal(main.status, "published");
    assert.deepEqual(await modelNames(handle, family.id), ["ft-default", "ft-older"]);

    // A restart finds everything where it was: same rows, nothing added.
    const before = await listTaskInstances(handle.db);
    const models = await listModels(handle.db);
    assert.equal(await register(handle), 3);
    assert.deepEqual(await listTaskInstances(handle.db), before);
    assert.deepEqual(
      (await listModels(handle.db)).map((m) => m.id),
      models.map((m) => m.id),
    );
  } finally {
    await handle.close();
  }
});

test("a lock is not registered under an instance of its slug that has another config", async () => {
  const handle = await freshDb();
  try {
    await registerTasks(handle);
    await createTaskInstance(handle.db, {
      slug: SHORT,
      familyId: family.id,
      title: "Not what the slug says",
      config: { compositionLength: 3 },
    });
    const log: string[] = [];
    assert.equal(await register(handle, log), 2);
    assert.deepEqual(await modelNames(handle, SHORT), []);
    assert.ok(
      log.some((l) => l.startsWith("function-composition/ft-short: not registered (task instance")),
      log.join("\n"),
    );
  } finally {
    await handle.close();
  }
});

test("a lock of another X of the task's N is registered; one of another N is not", async () => {
  const handle = await freshDb();
  try {
    await registerTasks(handle);
    const root = join(home, "versions");
    const [n, x] = family.version.split("-").map(Number) as [number, number];
    const variants: [string, string][] = [
      ["ft-next-x", `${n}-${x + 1}`],
      ["ft-next-n", `${n + 1}-0`],
    ];
    for (const [variant, version] of variants)
      await copyLockWithTaskVersion(
        referenceModelDir(family.id),
        join(root, family.id, variant),
        version,
      );
    const log: string[] = [];
    const registered = await registerReferenceModels(handle, {
      home,
      modelsRoot: root,
      log: (l) => log.push(l),
    });
    assert.equal(registered, 1, log.join("\n"));
    assert.deepEqual(await modelNames(handle, family.id), ["ft-next-x"]);
    const refused = `${family.id}/ft-next-n: not registered (locked on ${family.id} ${n + 1}-0, task is ${family.version}: N differs`;
    assert.ok(
      log.some((l) => l.startsWith(refused)),
      log.join("\n"),
    );
  } finally {
    await handle.close();
  }
});
