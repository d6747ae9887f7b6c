export * from "./auth";
export * from "./tasks";
export * from "./models";
export * from "./submissions";
export * from "./runs";
export * from "./ops";
