export * from "./client";
export * from "./migrate";
export * from "./owner";
export { readDbEnv, type DbEnv } from "./env";
export * as schema from "./schema/index";
export * from "./queries/index";
export * from "./validators";
