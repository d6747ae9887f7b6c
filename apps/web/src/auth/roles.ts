export type Role = "researcher" | "admin";

/** The signed-in user as procedures and pages see it. */
export type SessionUser = { id: string; name: string | null; email: string | null; role: Role };
