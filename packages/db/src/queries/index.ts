export * from "./users";
export * from "./tasks";
export * from "./models";
export * from "./submissions";
export * from "./runs";
export * from "./leaderboard";
export * from "./ops";
