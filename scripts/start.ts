// `npm start`: runs the platform on its embedded defaults. Parts that are not built yet say so.
console.log("Lockpick: the embedded platform (database, runner, web) is not yet assembled.");
console.log("  engine benchmark: npm run bench:engine");
